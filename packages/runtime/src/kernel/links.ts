/**
 * Links and monitors — the relations that exit signals travel along (LUA_API.md §3).
 *
 * Terms:
 * - link: two-way; linking twice is a no-op. When one side exits with an error, the other
 *   gets LINK_DOWN (trapping) or is killed (not trapping) — see `exits.ts`.
 * - monitor: one-way, from watcher to target; EXIT on every exit of the target. A second
 *   monitor of the same target is refused (`AlreadyExists`).
 * - unlink / unmonitor of a relation that does not exist succeed (idempotent, as in Erlang).
 * - A process cannot link to or monitor itself (`Invalid`).
 *
 * In: two live process records. Out: `Result<true>`; the sets on both records updated.
 */

import { fail, invalid, ok, wippyError, type Result } from "./errors";
import type { ProcessRecord } from "./process";

export function link(a: ProcessRecord, b: ProcessRecord): Result<true> {
  if (a === b) return invalid("a process cannot link to itself");
  (a.links ??= new Set()).add(b);
  (b.links ??= new Set()).add(a);
  return ok(true);
}

export function unlink(a: ProcessRecord, b: ProcessRecord): Result<true> {
  a.links?.delete(b);
  b.links?.delete(a);
  return ok(true);
}

export function monitor(watcher: ProcessRecord, target: ProcessRecord): Result<true> {
  if (watcher === target) return invalid("a process cannot monitor itself");
  const monitors = (watcher.monitors ??= new Set());
  if (monitors.has(target)) {
    return fail(wippyError("AlreadyExists", `already monitoring ${target.pid}`, { details: { pid: target.pid } }));
  }
  monitors.add(target);
  (target.monitoredBy ??= new Set()).add(watcher);
  return ok(true);
}

export function unmonitor(watcher: ProcessRecord, target: ProcessRecord): Result<true> {
  watcher.monitors?.delete(target);
  target.monitoredBy?.delete(watcher);
  return ok(true);
}
