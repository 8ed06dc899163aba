/**
 * Collaboration targets: what people look at together, comment on, and are told about — one
 * string per thing, so presence, comments and save notices need no per-kind code.
 *
 * Terms:
 * - Target: `<kind>:<id>` — `entry:<entry id>` (a registry entry), `run:<workflow run id>`,
 *   `change:<change request id>` (when those exist) — or a bare kind for a thing there is one
 *   of: `supervision` (the supervision tree). Kinds are lowercase words; the id is anything.
 *   A target whose kind this code does not know is still valid: new kinds need no change here.
 */
import { z } from "zod";

export const TARGET_MAX_CHARS = 500;
export const TARGET_PATTERN = /^[a-z][a-z0-9_-]*(?::\S.*)?$/;

export const targetSchema = z
  .string()
  .min(1, { error: "the target is empty" })
  .max(TARGET_MAX_CHARS, { error: `a target has at most ${TARGET_MAX_CHARS} characters` })
  .regex(TARGET_PATTERN, { error: "a target is kind:id (entry:app:fn, run:order-7) or a bare kind (supervision)" });

export type Target = string;

export const SUPERVISION_TARGET: Target = "supervision";

export const entryTarget = (entryId: string): Target => `entry:${entryId}`;
export const runTarget = (runId: string): Target => `run:${runId}`;

/** `entry:app:fn` → `{ kind: "entry", id: "app:fn" }`; `supervision` → `{ kind: "supervision", id: "" }`. */
export function splitTarget(target: Target): { kind: string; id: string } {
  const colon = target.indexOf(":");
  return colon < 0 ? { kind: target, id: "" } : { kind: target.slice(0, colon), id: target.slice(colon + 1) };
}
