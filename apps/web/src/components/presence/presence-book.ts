/**
 * The people on a target as one tab sees them (pure; tested in presence-book.test.ts).
 *
 * Terms:
 * - `PresenceBook`: every tab on the target by socket id — set from a `presence:join` ack
 *   (`fromSnapshot`), then changed by `presence:update` / `presence:left` deltas. Deltas that
 *   arrive while a join is in flight are applied again on top of its snapshot (`replay`): they
 *   may be newer than it, and applying a delta twice changes nothing.
 * - `Person`: one user over their tabs — editing when any tab edits; `self` when it is the
 *   signed-in user in another tab. This tab itself is never listed.
 */
import type { PresenceEntry } from "@wippy/shared";

export type PresenceBook = ReadonlyMap<string, PresenceEntry>;
export type PresenceDelta = { kind: "update"; entry: PresenceEntry } | { kind: "left"; socketId: string };

export interface Person {
  readonly userId: string;
  readonly name: string;
  readonly email: string;
  readonly editing: boolean;
  readonly tabs: number;
  readonly self: boolean;
}

export const EMPTY_BOOK: PresenceBook = new Map();

export function fromSnapshot(entries: readonly PresenceEntry[]): PresenceBook {
  return new Map(entries.map((e) => [e.socketId, e]));
}

export function applyDelta(book: PresenceBook, delta: PresenceDelta): PresenceBook {
  const next = new Map(book);
  if (delta.kind === "update") next.set(delta.entry.socketId, delta.entry);
  else next.delete(delta.socketId);
  return next;
}

export function replay(book: PresenceBook, deltas: readonly PresenceDelta[]): PresenceBook {
  return deltas.reduce(applyDelta, book);
}

/** Everyone but this tab, one per user: editors first, then by name. */
export function peopleOf(book: PresenceBook, mySocketId: string | undefined, myUserId: string | undefined): Person[] {
  const byUser = new Map<string, Person>();
  for (const entry of book.values()) {
    if (entry.socketId === mySocketId) continue;
    const seen = byUser.get(entry.userId);
    byUser.set(entry.userId, {
      userId: entry.userId,
      name: entry.name || entry.email,
      email: entry.email,
      editing: (seen?.editing ?? false) || entry.editing,
      tabs: (seen?.tabs ?? 0) + 1,
      self: entry.userId === myUserId,
    });
  }
  return [...byUser.values()].sort((a, b) => Number(b.editing) - Number(a.editing) || a.name.localeCompare(b.name));
}

/** "Eddie Editor" → "EE", "ada" → "AD", "" → "?". */
export function initialsOf(name: string, email = ""): string {
  const words = (name || email.split("@")[0] || "").split(/[\s._-]+/).filter(Boolean);
  if (words.length === 0) return "?";
  const [first = "", second] = words;
  return (second ? `${first[0] ?? ""}${second[0] ?? ""}` : first.slice(0, 2)).toUpperCase();
}

/** A hue for a user, stable across tabs and sessions. */
export function hueOf(userId: string): number {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return Math.abs(hash) % 360;
}
