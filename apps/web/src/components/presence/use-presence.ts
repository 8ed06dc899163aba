"use client";
/**
 * This tab on a collaboration target (protocol: server/sockets/presence-events.ts): it joins the
 * target while mounted, says when it starts or stops editing (debounced: a burst of typing is
 * one message), re-joins after every reconnect and every `PRESENCE_RESYNC_MS` (the ack is the
 * whole list, which also drops anyone a crashed server left behind), and leaves on unmount — a
 * closed tab leaves by itself when its socket goes.
 *
 * Out: the other people on the target; `status` — `connecting` until the first answer, `live`,
 * or `offline` while the socket is down or the join was refused (the list is then emptied
 * rather than left stale); and the newest save of the target known (`latestSave`: from the
 * join ack and `registry:saved` events).
 */
import { useEffect, useMemo, useRef, useState } from "react";
import type { SavedNotice } from "@wippy/shared";
import { useCurrentUser } from "@/lib/hooks/use-current-user";
import { getUiSocket, listen, onSocketConnect, onSocketDown } from "@/lib/socket";
import { applyDelta, EMPTY_BOOK, fromSnapshot, peopleOf, replay, type Person, type PresenceBook, type PresenceDelta } from "./presence-book";

export const PRESENCE_RESYNC_MS = 30_000;
export const EDITING_DEBOUNCE_MS = 400;

export type PresenceStatus = "connecting" | "live" | "offline";

export interface Presence {
  people: Person[];
  status: PresenceStatus;
  latestSave: SavedNotice | null;
}

const newer = (a: SavedNotice | null, b: SavedNotice | null): SavedNotice | null => (!a ? b : !b ? a : b.version > a.version ? b : a);

export function usePresence(target: string, editing = false): Presence {
  const { user } = useCurrentUser();
  const [book, setBook] = useState<PresenceBook>(EMPTY_BOOK);
  const [status, setStatus] = useState<PresenceStatus>("connecting");
  const [latestSave, setLatestSave] = useState<SavedNotice | null>(null);
  const [socketId, setSocketId] = useState<string | undefined>(undefined);
  const editingRef = useRef(editing);
  const join = useRef<() => void>(() => undefined);

  useEffect(() => {
    const socket = getUiSocket();
    let inFlight: PresenceDelta[] | null = null;
    let closed = false;
    setBook(EMPTY_BOOK);
    setLatestSave(null);
    join.current = () => {
      if (!socket.connected) return;
      const heard: PresenceDelta[] = [];
      inFlight = heard;
      socket.emit("presence:join", { target, editing: editingRef.current }, (result) => {
        if (closed) return;
        if (inFlight === heard) inFlight = null;
        setStatus(result.ok ? "live" : "offline");
        if (!result.ok) return;
        setSocketId(socket.id);
        setBook(replay(fromSnapshot(result.present), heard));
        setLatestSave((old) => newer(old, result.lastSaved));
      });
    };
    const onDelta = (delta: PresenceDelta) => {
      inFlight?.push(delta);
      setBook((old) => applyDelta(old, delta));
    };
    const stops = [
      onSocketConnect(socket, () => join.current()),
      onSocketDown(socket, () => {
        setStatus("offline");
        setBook(EMPTY_BOOK);
      }),
      listen(socket, "presence:update", (u) => u.target === target && onDelta({ kind: "update", entry: u.entry })),
      listen(socket, "presence:left", (u) => u.target === target && onDelta({ kind: "left", socketId: u.socketId })),
      listen(socket, "registry:saved", (notice) => notice.target === target && setLatestSave((old) => newer(old, notice))),
    ];
    join.current();
    const resync = setInterval(() => join.current(), PRESENCE_RESYNC_MS);
    return () => {
      closed = true;
      clearInterval(resync);
      for (const stop of stops) stop();
      if (socket.connected) socket.emit("presence:leave", { target }, () => undefined);
    };
  }, [target]);

  useEffect(() => {
    if (editingRef.current === editing) return;
    const timer = setTimeout(() => {
      editingRef.current = editing;
      join.current();
    }, EDITING_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [editing]);

  const people = useMemo(() => peopleOf(book, socketId, user?.id), [book, socketId, user?.id]);
  return { people, status, latestSave };
}
