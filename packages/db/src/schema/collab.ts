/**
 * Team-collaboration tables (issue 9): comments on targets and runtime incidents.
 *
 * - `comments`: one row per comment on a target (`entry:<id>`, `run:<id>`, `change:<id>`, …,
 *   see @wippy/shared `collab/target.ts`). The author's id, name and email are copied in: a
 *   comment outlives its author's account. Listed per target in id order.
 * - `incidents`: crash loops and failed services the control plane detected in the supervision
 *   trees nodes push. `episode` identifies one occurrence so that every server (and a server
 *   that sees the same tree again after a node reconnects) records it once: the failure's exit
 *   time for `service_failed`, the first restart seen for `crash_loop`. At most one open
 *   (unresolved) incident per kind, node and service.
 */
import { sql } from "drizzle-orm";
import { bigserial, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { JsonValue, IncidentKind } from "@wippy/shared";

const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const comments = pgTable(
  "comments",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    target: text("target").notNull(),
    authorId: text("author_id").notNull(),
    authorName: text("author_name").notNull(),
    authorEmail: text("author_email").notNull(),
    body: text("body").notNull(),
    createdAt: stamp("created_at").notNull().defaultNow(),
    editedAt: stamp("edited_at"),
  },
  (t) => [index("comments_target_idx").on(t.target, t.id), check("comments_body_length", sql`char_length(${t.body}) between 1 and 5000`)],
);

export const incidents = pgTable(
  "incidents",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind").$type<IncidentKind>().notNull(),
    nodeId: text("node_id").notNull(),
    /** The service or supervisor entry id. */
    service: text("service").notNull(),
    episode: text("episode").notNull(),
    openedAt: stamp("opened_at").notNull().defaultNow(),
    lastAt: stamp("last_at").notNull().defaultNow(),
    resolvedAt: stamp("resolved_at"),
    restarts: integer("restarts").notNull().default(0),
    message: text("message").notNull().default(""),
    detail: jsonb("detail").$type<Record<string, JsonValue>>().notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [
    uniqueIndex("incidents_episode_idx").on(t.kind, t.nodeId, t.service, t.episode),
    uniqueIndex("incidents_open_idx").on(t.kind, t.nodeId, t.service).where(sql`${t.resolvedAt} is null`),
    check("incidents_kind", sql`${t.kind} in ('crash_loop', 'service_failed')`),
  ],
);
