"use client";
/**
 * Whether the supervision canvas holds unsaved edits (edits that cancel out do not count) —
 * the canvas's "editing" for presence. Computed when the drawing changes, not on every update
 * of the canvas store (live states arrive many times a second).
 */
import { useMemo } from "react";
import { diffTrees } from "@/lib/supervision/changeset";
import { useCanvas } from "@/components/supervision/use-canvas";

export function useCanvasDrawing(): boolean {
  const base = useCanvas((s) => s.base);
  const model = useCanvas((s) => s.model);
  return useMemo(() => model !== base && diffTrees(base, model).length > 0, [base, model]);
}
