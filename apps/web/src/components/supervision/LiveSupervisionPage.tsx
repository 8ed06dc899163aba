"use client";
/**
 * /supervision with its live overlay: the nodes' supervision trees (socket.io, pushed on every
 * change) folded per entry and handed to the canvas store. While the socket is down the
 * overlay is cleared rather than left showing states that may be stale.
 */
import { useMemo } from "react";
import { useLiveSupervision } from "@/lib/hooks/use-live-supervision";
import { toCanvasLive } from "@/lib/live/canvas-live";
import { NO_LIVE_DATA } from "@/lib/supervision/terms";
import { SupervisionPage } from "./SupervisionPage";

export function LiveSupervisionPage() {
  const { entries, live } = useLiveSupervision();
  const map = useMemo(() => (live ? toCanvasLive(entries) : NO_LIVE_DATA), [entries, live]);
  return <SupervisionPage live={map} />;
}
