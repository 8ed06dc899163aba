/**
 * Reconcile one live supervisor with its part of a new plan (hot-apply, LUA_API.md §7).
 *
 * One clause per case, for each child (matched by id; the fingerprint says "changed"):
 * - gone from the plan      → stopped (reverse of nothing: one operation), then dropped
 * - new                     → added in start order; started if `auto_start`
 * - unchanged               → untouched (same pid); only its place in the order may move
 * - changed, by the new entry's `lifecycle.on_change`:
 *     restart (default)     → stopped, then started with the new spec — if it had a run or a
 *                             pending one, or is `auto_start` (a fix gets its chance)
 *     upgrade               → `upgrade(pid, entry)` on the running process; the new spec is kept
 *                             for later runs. No running process, or the upgrade refused → restart
 *     none                  → the new spec is kept for later runs; the process is left alone
 *   A `process.supervisor` child is changed in place (its own core takes the new strategy,
 *   intensity and period) unless its entry says `on_change: restart` explicitly.
 * The supervisor's own strategy / intensity / period apply from now on.
 *
 * In: a core, its new spec, its children in start order. Out: operations queued on the core.
 */

import { ChildRecord } from "./child-record";
import type { ChildSpec, SupervisorSpec } from "./child-spec";
import type { SupervisorCore } from "./supervisor-core";
import { unreachable } from "./terms";

export function reconcileCore(core: SupervisorCore, spec: SupervisorSpec, wanted: readonly ChildSpec[]): void {
  core.spec = spec;
  const current = new Map(core.records.filter((r) => !r.removed).map((r) => [r.id, r]));
  const wantedIds = new Set(wanted.map((s) => s.id));
  const gone = [...current.values()].filter((r) => !wantedIds.has(r.id));
  const added: ChildRecord[] = [];
  const next = wanted.map((s) => {
    const existing = current.get(s.id);
    if (existing === undefined) {
      const record = new ChildRecord(s);
      added.push(record);
      return record;
    }
    if (existing.spec.fingerprint === s.fingerprint) existing.spec = s;
    else applyChange(core, existing, s);
    return existing;
  });
  for (const r of gone) r.removed = true;
  core.records = [...next, ...core.records.filter((r) => r.removed)];
  for (const r of gone) core.enqueue({ stop: [r], then: () => void (core.records = core.records.filter((c) => c !== r)) });
  for (const r of added) if (r.spec.lifecycle.autoStart) core.startChild(r);
}

function applyChange(core: SupervisorCore, r: ChildRecord, next: ChildSpec): void {
  if (next.kind === "supervisor" && r.spec.kind === "supervisor" && !next.lifecycle.onChangeExplicit) {
    r.spec = next;
    return;
  }
  switch (next.lifecycle.onChange) {
    case "none":
      r.spec = next;
      return;
    case "upgrade":
      if (r.pid !== null && r.state === "running" && next.kind === "service" && core.env.upgrade?.(r.pid, next.entry).ok === true) {
        r.spec = next;
        return;
      }
      return restartWith(core, r, next);
    case "restart":
      return restartWith(core, r, next);
    default:
      return unreachable(next.lifecycle.onChange);
  }
}

function restartWith(core: SupervisorCore, r: ChildRecord, next: ChildSpec): void {
  if (!r.live && !next.lifecycle.autoStart) {
    r.spec = next;
    return;
  }
  core.enqueue({
    stop: [r],
    then: () => {
      r.spec = next;
      r.streak = 0;
      core.startChild(r);
    },
  });
}
