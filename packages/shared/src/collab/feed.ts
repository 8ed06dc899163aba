/**
 * The activity feed: recent registry versions and runtime incidents, newest first, the same on
 * every control-plane server (both are read from PostgreSQL).
 *
 * Terms:
 * - `FeedVersion`: one registry version — who, from where, why, and the entries it touched (the
 *   first few, with the total).
 * - `Incident`: something the runtime did that people should know of, detected by the control
 *   plane from the supervision trees nodes push: `crash_loop` (a service or supervisor
 *   restarted many times within a short window; `lastAt` moves while it goes on) or
 *   `service_failed` (it gave up: terminal, no restart will come). `resolvedAt` is when it was
 *   seen running again (null: not seen recovering).
 * - `FeedItem`: either, with `key` unique across both and `at` the time it happened.
 * - `FeedCursor`: where the next page starts, per source (the smallest version / incident id
 *   already shown; null when that source is exhausted).
 * - `SavedNotice`: a new version that touched a target someone has open (an entry, the
 *   supervision tree) — what the "someone else saved this" banner says.
 */
import type { RevisionOp, VersionSource } from "../registry/entry";

export const INCIDENT_KINDS = ["crash_loop", "service_failed"] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const FEED_KINDS = ["all", "versions", "incidents"] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

export interface FeedVersion {
  readonly type: "version";
  readonly key: string;
  readonly at: number;
  readonly version: number;
  readonly author: string;
  readonly source: VersionSource;
  readonly message: string;
  readonly entries: readonly { readonly id: string; readonly op: RevisionOp }[];
  readonly entryCount: number;
}

export interface Incident {
  readonly type: "incident";
  readonly key: string;
  readonly at: number;
  readonly id: number;
  readonly kind: IncidentKind;
  readonly service: string;
  readonly nodeId: string;
  readonly lastAt: number;
  readonly resolvedAt: number | null;
  readonly restarts: number;
  readonly message: string;
}

export type FeedItem = FeedVersion | Incident;

export interface FeedCursor {
  readonly versions: number | null;
  readonly incidents: number | null;
}

export interface SavedNotice {
  readonly target: string;
  readonly version: number;
  readonly author: string;
  readonly source: VersionSource;
  readonly message: string;
  readonly at: number;
  /** For an entry target: what the version did to it. */
  readonly op: RevisionOp | null;
  /** The target's entries the version touched (one for an entry). */
  readonly entries: readonly string[];
}
