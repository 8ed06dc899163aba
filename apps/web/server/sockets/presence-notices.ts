/**
 * Comments and incidents, live: every control-plane server LISTENs on `wippy_comments` and
 * `wippy_incidents` (the stores NOTIFY in the transaction that makes the change, with only ids:
 * NOTIFY payloads are capped), reads what changed and tells its own browsers (`ui.local`) —
 * `comments:change` on the comment's target, `feed:item` to the feed. Notifications are handled
 * one after another per channel, so a comment's add and edit arrive in that order.
 *
 * NOTIFYs sent while a LISTEN connection is down are lost: after it reconnects, the server tells
 * its browsers `collab:resync` and they read comments and the feed again.
 */
import { COMMENTS_CHANNEL, DEFAULT_LISTEN_BACKOFF, getComment, getIncident, INCIDENTS_CHANNEL, listen, type Listener, type Sql } from "@wippy/db";
import { z } from "zod";
import { messageOf, type Logger } from "../log";
import type { UiNamespace } from "./io";
import { FEED_UI_ROOM, presenceRoom } from "./presence-events";

const commentNoticeSchema = z.object({ change: z.enum(["added", "edited", "deleted"]), target: z.string(), id: z.number().int() });
const incidentNoticeSchema = z.coerce.number().int().positive();

export class NoticeRelay {
  private readonly listeners: Listener[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly ui: UiNamespace,
    private readonly sql: Sql,
    private readonly log: Logger,
  ) {}

  async start(databaseUrl: string): Promise<void> {
    this.listeners.push(await this.follow(databaseUrl, COMMENTS_CHANNEL, (payload) => this.relayComment(payload)));
    this.listeners.push(await this.follow(databaseUrl, INCIDENTS_CHANNEL, (payload) => this.relayIncident(payload)));
  }

  async stop(): Promise<void> {
    await Promise.all(this.listeners.map((l) => l.close()));
    await this.queue;
  }

  private follow(url: string, channel: string, relay: (payload: string) => Promise<void>): Promise<Listener> {
    return listen(
      url,
      channel,
      {
        onNotify: (payload) => {
          this.queue = this.queue.then(() =>
            relay(payload).catch((error: unknown) => this.log.warn({ err: messageOf(error), channel }, `relaying a ${channel} notification failed: ${messageOf(error)}`)),
          );
        },
        onReconnect: () => this.ui.local.emit("collab:resync"),
        onError: (error) => this.log.warn({ err: error.message, channel }, `listening on ${channel}: ${error.message}`),
      },
      DEFAULT_LISTEN_BACKOFF,
    );
  }

  private async relayComment(payload: string): Promise<void> {
    const notice = commentNoticeSchema.parse(JSON.parse(payload));
    const room = this.ui.local.to(presenceRoom(notice.target));
    if (notice.change === "deleted") {
      room.emit("comments:change", { change: "deleted", target: notice.target, id: notice.id });
      return;
    }
    const comment = await getComment(this.sql, notice.id);
    // Deleted meanwhile: its own notification follows.
    if (comment) room.emit("comments:change", { change: notice.change, target: comment.target, comment });
  }

  private async relayIncident(payload: string): Promise<void> {
    const incident = await getIncident(this.sql, incidentNoticeSchema.parse(payload));
    if (incident) this.ui.local.to(FEED_UI_ROOM).emit("feed:item", incident);
  }
}
