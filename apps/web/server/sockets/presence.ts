/**
 * Presence on `/ui` (protocol: presence-events.ts): who has a target open, and who is editing
 * it, across every control-plane server sharing the database.
 *
 * State lives in socket.io rooms, nothing else: a tab on a target is in `presence:<target>`,
 * and while it edits also in `editing:<target>`. The PostgreSQL adapter answers `fetchSockets`
 * for the whole cluster with each socket's rooms and data (who it is), so the list of people on
 * a target is read, never kept — there is nothing to go stale. Changes travel as deltas by
 * socket id (`presence:update`, `presence:left`), broadcast to the target's room on every
 * server; the tab's own server sends its `presence:left` when it disconnects (closed tab, lost
 * network after the ping timeout). Tabs re-join now and then (the ack is the whole list), which
 * drops anyone a crashed server could not say goodbye for.
 */
import type { PresenceEntry } from "@wippy/shared";
import { presenceJoinSchema, presenceLeaveSchema } from "@wippy/shared";
import type { RemoteSocket } from "socket.io";
import type { z } from "zod";
import { messageOf, type Logger } from "../log";
import type { UiNamespace } from "./io";
import { editingRoom, FEED_UI_ROOM, presenceRoom } from "./presence-events";
import { lastSavedOn } from "./presence-versions";
import type { UiEmitEvents, UiRefusal, UiSocketData } from "./ui-events";
import type { UiDeps, UiGuard, UiSocket } from "./ui-guard";

/** How long a cluster-wide `fetchSockets` waits for the other servers. */
export const PRESENCE_FETCH_TIMEOUT_MS = 2_000;
const PRESENCE_PREFIX = presenceRoom("");

type AnySocket = Pick<RemoteSocket<UiEmitEvents, UiSocketData>, "id" | "data" | "rooms">;

function entryOf(socket: AnySocket, target: string): PresenceEntry {
  const { userId, name, email } = socket.data;
  return { socketId: socket.id, userId, name, email, editing: socket.rooms.has(editingRoom(target)) };
}

/** Everyone on `target` now, on any server (this server's own while another does not answer). */
export async function presentOn(ui: UiNamespace, target: string, log: Logger): Promise<PresenceEntry[]> {
  let sockets: AnySocket[];
  try {
    sockets = await ui.in(presenceRoom(target)).timeout(PRESENCE_FETCH_TIMEOUT_MS).fetchSockets();
  } catch (error) {
    log.warn({ err: messageOf(error) }, `another control-plane server did not answer (${messageOf(error)}); presence from this server only`);
    sockets = await ui.in(presenceRoom(target)).local.fetchSockets();
  }
  return sockets.map((s) => entryOf(s, target)).sort((a, b) => a.name.localeCompare(b.name) || a.socketId.localeCompare(b.socketId));
}

function invalid(error: z.ZodError): UiRefusal {
  return { ok: false, kind: "Invalid", message: error.issues.map((i) => `${i.path.join(".") || "payload"}: ${i.message}`).join("; ") };
}

export function servePresence(socket: UiSocket, guard: UiGuard, ui: UiNamespace, deps: Pick<UiDeps, "sql" | "log">): void {
  socket.on("presence:join", (raw, ack) =>
    guard.safely(ack, async () => {
      const refused = await guard.allow("viewer");
      if (refused) return refused;
      const parsed = presenceJoinSchema.safeParse(raw);
      if (!parsed.success) return invalid(parsed.error);
      const { target, editing } = parsed.data;
      const changed = !socket.rooms.has(presenceRoom(target)) || socket.rooms.has(editingRoom(target)) !== editing;
      await socket.join(presenceRoom(target));
      if (editing) await socket.join(editingRoom(target));
      else await socket.leave(editingRoom(target));
      if (changed) socket.to(presenceRoom(target)).emit("presence:update", { target, entry: entryOf(socket, target) });
      const [present, lastSaved] = await Promise.all([presentOn(ui, target, deps.log), lastSavedOn(deps.sql, target)]);
      return { ok: true as const, present, lastSaved };
    }),
  );

  socket.on("presence:leave", (raw, ack) =>
    guard.safely(ack, async () => {
      const refused = await guard.allow("viewer");
      if (refused) return refused;
      const parsed = presenceLeaveSchema.safeParse(raw);
      if (!parsed.success) return invalid(parsed.error);
      leave(socket, parsed.data.target);
      return { ok: true as const };
    }),
  );

  socket.on("feed:subscribe", (ack) =>
    guard.gated(ack, "viewer", async () => {
      await socket.join(FEED_UI_ROOM);
      return {};
    }),
  );
  socket.on("feed:unsubscribe", (ack) =>
    guard.gated(ack, "viewer", async () => {
      await socket.leave(FEED_UI_ROOM);
      return {};
    }),
  );

  // Still in its rooms here (not any more at "disconnect"): say goodbye on each target.
  socket.on("disconnecting", () => {
    for (const room of socket.rooms) {
      if (room.startsWith(PRESENCE_PREFIX)) socket.to(room).emit("presence:left", { target: room.slice(PRESENCE_PREFIX.length), socketId: socket.id });
    }
  });
}

function leave(socket: UiSocket, target: string): void {
  if (!socket.rooms.has(presenceRoom(target))) return;
  socket.to(presenceRoom(target)).emit("presence:left", { target, socketId: socket.id });
  void socket.leave(presenceRoom(target));
  void socket.leave(editingRoom(target));
}
