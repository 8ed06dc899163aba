/**
 * Row ↔ value mapping for the workflow tables, in one place: timestamps become epoch
 * milliseconds, `int8` ids (strings from postgres.js) become numbers, SQL nulls become absent
 * optional fields, and a history or inbox row becomes the value it recorded.
 */
import type { InboxItem, JsonObject, JsonValue, Lease, RunRecord, RunStatus, StoredEvent, WorkflowError } from "@wippy/shared";

/** The columns every run read selects (`RUN_COLUMNS` in store.ts). */
export interface RunRow {
  id: string;
  workflow: string;
  host: string;
  code_hash: string;
  status: RunStatus;
  input: JsonValue[];
  result: JsonValue | null;
  error: WorkflowError | null;
  halted: WorkflowError | null;
  parent_id: string | null;
  parent_command: number | null;
  created_at: Date;
  updated_at: Date;
}

export interface EventRow {
  seq: number;
  type: string;
  at: number;
  payload: JsonObject;
}

export interface LeaseRow {
  run_id: string;
  owner: string;
  epoch: number;
  expires_at: Date;
}

export interface InboxRow {
  id: string | number;
  kind: InboxItem["kind"];
  body: JsonObject;
}

export function toRun(row: RunRow): RunRecord {
  return {
    id: row.id,
    workflow: row.workflow,
    host: row.host,
    codeHash: row.code_hash,
    status: row.status,
    input: row.input,
    // A completed run's result may be JSON null; other runs have SQL NULL (see store.ts `endRun`).
    ...(row.status === "completed" && { result: row.result }),
    ...(row.error !== null && { error: row.error }),
    ...(row.halted !== null && { halted: row.halted }),
    ...(row.parent_id !== null && { parent: { id: row.parent_id, command: row.parent_command ?? 0 } }),
    createdAt: row.created_at.getTime(),
    updatedAt: row.updated_at.getTime(),
  };
}

export function toEvent(row: EventRow): StoredEvent {
  // The payload was written from an event of this type (history.ts strips only type and at).
  return { ...row.payload, type: row.type, at: row.at, seq: row.seq } as StoredEvent;
}

export function toLease(row: LeaseRow): Lease {
  return { runId: row.run_id, owner: row.owner, epoch: row.epoch, expiresAt: row.expires_at.getTime() };
}

export function toInboxItem(row: InboxRow): InboxItem {
  // The body was written from an item of this kind (store.ts `deliver`).
  return { ...row.body, id: Number(row.id), kind: row.kind } as InboxItem;
}

/** An inbox item before the store numbers it. */
export type NewInboxItem = WithoutId<InboxItem>;
type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

/** An inbox item as stored: kind apart, the rest in `body`. */
export function inboxBody(item: NewInboxItem): { kind: InboxItem["kind"]; body: JsonObject } {
  const { kind, ...body } = item;
  return { kind, body: body as JsonObject };
}
