/**
 * The `/ui` protocol's collaboration part (issue 9) — presence, "someone else saved this",
 * comments and the activity feed. Types and room names only, like ui-events.ts (which extends
 * its event maps with these), so the UI's typed socket module can import them.
 *
 * Browser → server (each with an ack; payloads validated on the server; viewer role):
 * - `presence:join` `{ target, editing }`: this tab has `target` open (editing: it holds unsaved
 *   edits). Joining again updates `editing`; the ack carries everyone on the target now and,
 *   for an entry, the last version that changed it (so a tab that was offline learns of a save
 *   it missed). A tab re-joins now and then: that heals anything a dead server left behind.
 * - `presence:leave` `{ target }`: closed. A tab that disconnects leaves everything by itself.
 * - `feed:subscribe` / `feed:unsubscribe`: follow the activity feed.
 * Server → browser:
 * - on a target: `presence:update` (a tab came or its editing state changed), `presence:left`,
 *   `registry:saved` (a new version changed the target), `comments:change`;
 * - room `feed`: `feed:item` (a new version, an incident opened or updated);
 * - anyone: `collab:resync` — this server may have missed notifications (its LISTEN connection
 *   dropped): read comments, the feed and the entry again.
 */
import type { CommentChange, FeedItem, PresenceEntry, PresenceJoin, PresenceLeave, SavedNotice } from "@wippy/shared";
import type { UiResult } from "./ui-events";

export interface PresenceListenEvents {
  "presence:join": (join: PresenceJoin, ack: (result: UiResult<{ present: PresenceEntry[]; lastSaved: SavedNotice | null }>) => void) => void;
  "presence:leave": (leave: PresenceLeave, ack: (result: UiResult<object>) => void) => void;
  "feed:subscribe": (ack: (result: UiResult<object>) => void) => void;
  "feed:unsubscribe": (ack: (result: UiResult<object>) => void) => void;
}

export interface PresenceEmitEvents {
  "presence:update": (update: { target: string; entry: PresenceEntry }) => void;
  "presence:left": (update: { target: string; socketId: string }) => void;
  "registry:saved": (notice: SavedNotice) => void;
  "comments:change": (change: CommentChange) => void;
  "feed:item": (item: FeedItem) => void;
  "collab:resync": () => void;
}

/** Rooms: everyone with a target open; those of them editing it; the feed's followers. */
export const presenceRoom = (target: string): string => `presence:${target}`;
export const editingRoom = (target: string): string => `editing:${target}`;
export const FEED_UI_ROOM = "feed";
