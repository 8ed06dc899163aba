/**
 * Row ↔ value mapping for the registry tables. postgres.js returns `bigint` columns as
 * strings (they may exceed 2^53 in general); registry versions never will, so they become
 * numbers here, in one place.
 */
import type { Entry, JsonObject, RevisionOp, VersionInfo, VersionSource } from "@wippy/shared";

export interface VersionRow {
  id: string | number;
  created_at: Date;
  author: string;
  source: string;
  message: string;
  base_version: string | number | null;
}

export interface EntryRow {
  id: string;
  kind: string;
  meta: JsonObject;
  data: JsonObject;
}

export interface RevisionRow {
  entry_id: string;
  version_id: string | number;
  op: RevisionOp;
  kind: string | null;
  meta: JsonObject | null;
  data: JsonObject | null;
}

export function toVersion(row: VersionRow): VersionInfo {
  return {
    id: Number(row.id),
    createdAt: row.created_at,
    author: row.author,
    source: row.source as VersionSource,
    message: row.message,
    baseVersion: row.base_version === null ? null : Number(row.base_version),
  };
}

export function toEntry(row: EntryRow): Entry {
  return { id: row.id, kind: row.kind, meta: row.meta ?? {}, data: row.data ?? {} };
}

/** The entry a revision leaves behind, or null for a delete. */
export function revisionEntry(row: RevisionRow): Entry | null {
  if (row.op === "delete" || row.kind === null) return null;
  return { id: row.entry_id, kind: row.kind, meta: row.meta ?? {}, data: row.data ?? {} };
}
