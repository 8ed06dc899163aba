/**
 * Registry tables: the system's source of truth for desired state.
 *
 * - `registry_head`: one row holding the newest committed version. Writers take its row lock
 *   (`UPDATE … SET version = version + 1`), which both serializes commits and hands out
 *   gap-free, strictly increasing version numbers (a sequence would leave gaps on rollback).
 * - `registry_versions`: one row per committed version (who, when, why, from where).
 * - `registry_revisions`: append-only; one row per entry touched by a version. Any past state
 *   is derived from it (snapshot at v = newest revision ≤ v per entry, minus deletes).
 * - `registry_entries`: the current view, maintained in the same transaction as the revision,
 *   so reads of "now" never scan history.
 */
import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import type { JsonObject, RevisionOp, VersionSource } from "@wippy/shared";

export const registryHead = pgTable(
  "registry_head",
  {
    id: integer("id").primaryKey().default(1),
    version: bigint("version", { mode: "number" }).notNull().default(0),
  },
  (t) => [check("registry_head_singleton", sql`${t.id} = 1`)],
);

export const registryVersions = pgTable(
  "registry_versions",
  {
    id: bigint("id", { mode: "number" }).primaryKey(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    author: text("author").notNull(),
    source: text("source").$type<VersionSource>().notNull(),
    message: text("message").notNull().default(""),
    baseVersion: bigint("base_version", { mode: "number" }),
  },
  (t) => [check("registry_versions_source", sql`${t.source} in ('ui', 'file', 'api', 'agent', 'rollback')`)],
);

export const registryRevisions = pgTable(
  "registry_revisions",
  {
    versionId: bigint("version_id", { mode: "number" })
      .notNull()
      .references(() => registryVersions.id),
    entryId: text("entry_id").notNull(),
    op: text("op").$type<RevisionOp>().notNull(),
    kind: text("kind"),
    meta: jsonb("meta").$type<JsonObject>(),
    data: jsonb("data").$type<JsonObject>(),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.entryId] }),
    index("registry_revisions_entry_version").on(t.entryId, t.versionId),
    check("registry_revisions_op", sql`${t.op} in ('create', 'update', 'delete')`),
  ],
);

export const registryEntries = pgTable(
  "registry_entries",
  {
    id: text("id").primaryKey(),
    kind: text("kind").notNull(),
    meta: jsonb("meta").$type<JsonObject>().notNull(),
    data: jsonb("data").$type<JsonObject>().notNull(),
    /** The version that last wrote this entry. */
    versionId: bigint("version_id", { mode: "number" })
      .notNull()
      .references(() => registryVersions.id),
  },
  (t) => [index("registry_entries_kind").on(t.kind)],
);
