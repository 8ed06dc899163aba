/**
 * Presence: who has a target open right now, and whether they are editing it. Kept by the
 * control plane per browser connection (one tab = one socket), never stored.
 *
 * Terms:
 * - `PresenceEntry`: one tab on one target — the socket's id, who (user id, name, email), and
 *   `editing` (the tab holds unsaved edits of the target).
 * - `PresenceJoin`: what a tab says when it opens a target or its editing state changes
 *   (joining again only updates); `PresenceLeave` when it closes it. A tab that goes away
 *   (closed, offline) leaves every target by itself.
 */
import { z } from "zod";
import { targetSchema } from "./target";

export interface PresenceEntry {
  readonly socketId: string;
  readonly userId: string;
  readonly name: string;
  readonly email: string;
  readonly editing: boolean;
}

export const presenceJoinSchema = z.object({ target: targetSchema, editing: z.boolean().default(false) });
export type PresenceJoin = z.input<typeof presenceJoinSchema>;

export const presenceLeaveSchema = z.object({ target: targetSchema });
export type PresenceLeave = z.infer<typeof presenceLeaveSchema>;
