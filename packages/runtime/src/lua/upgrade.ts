/**
 * Hot upgrade of Lua processes (LUA_API.md §7 "Hot change") — what a node calls as registry
 * versions land:
 *
 *   notifyOutdated(runtime, changedIds)   after every version: each live upgradable process
 *                                         whose code depends on a changed id gets OUTDATED
 *   upgradeProcess(runtime, pid, entry)   supervision's `Upgrade` (`on_change: upgrade`)
 *
 * Terms:
 * - Upgradable: a process that called `process.set_options({upgradable = true})`
 *   (`vm/upgradable.ts`). Only those hear of changes; the rest keep their code until they end.
 * - Code of a process: the entry it runs and the `library.lua` entries it imports,
 *   transitively — its own `imports:` as it was compiled, and each library's as the resolver
 *   has it now (called after a version, that is the new one; a deleted library still counts
 *   by its id).
 * - OUTDATED: `{kind = "pid.outdated", sources = {ids…}}` on `process.events()`, coalesced
 *   while unread (`modules/process/outdated.ts`). The process decides when to call
 *   `process.upgrade` (`modules/process/upgrade.ts`); nothing is replaced behind its back.
 *
 * In: changed entry ids; a pid and its new service entry. Out: the pids notified; `Result`s.
 */
import { canonicalJson, type Entry, type JsonValue } from "@wippy/shared";
import type { SecurityContext } from "../security";
import { fail, ok, wippyError, type Pid, type Result } from "../kernel";
import { deliverOutdated } from "./modules/process/outdated";
import { setUpgradeTarget } from "./modules/process/upgrade";
import type { LuaRuntime } from "./runtime";
import { scopeOf, type ModuleScope } from "./vm/chunks";
import { upgradableProcesses } from "./vm/upgradable";

const LIBRARY_KIND = "library.lua";
const SERVICE_KIND = "process.service";

/**
 * Delivers OUTDATED (sources: the changed ids its code depends on) to every live upgradable
 * process of `runtime` whose code depends on one of `changedIds`; returns their pids.
 */
export function notifyOutdated(runtime: LuaRuntime, changedIds: Iterable<string>): Pid[] {
  const changed = new Set(changedIds);
  const notified: Pid[] = [];
  if (changed.size === 0) return notified;
  const codeOf = memoizedCode(runtime);
  for (const [pid, proc] of [...upgradableProcesses(runtime)]) {
    const sources = [...codeOf(proc.entry.scope)].filter((id) => changed.has(id));
    if (sources.length === 0) continue;
    deliverOutdated(proc, sources);
    notified.push(pid);
  }
  return notified;
}

/**
 * Supervision's `Upgrade` for a service with `on_change: upgrade`: an upgradable process gets
 * OUTDATED (sources: the service's id) and upgrades itself when it chooses; `process.upgrade(nil)`
 * then runs the process entry the service names now. Any other pid → `Invalid`, and supervision
 * restarts the service instead. With `expect.security`, a process whose actor or scope is not
 * that one (the service's `lifecycle.security` changed) is refused too: an upgrade keeps the
 * process's context, so only a restart can apply a new one.
 */
export function upgradeProcess(runtime: LuaRuntime, pid: Pid, entry: Entry, expect?: { readonly security: SecurityContext | undefined }): Result<true> {
  const proc = upgradableProcesses(runtime).get(pid);
  if (proc === undefined) {
    return fail(wippyError("Invalid", `process ${pid} is not an upgradable Lua process (it has not called process.set_options({upgradable = true}))`, { details: { pid, entry: entry.id } }));
  }
  if (expect !== undefined && canonicalJson(contextJson(proc.security)) !== canonicalJson(contextJson(expect.security))) {
    return fail(wippyError("Invalid", `the security context of ${entry.id} changed; it restarts to take it`, { details: { pid, entry: entry.id } }));
  }
  const target = entry.kind === SERVICE_KIND ? entry.data["process"] : entry.id;
  if (typeof target === "string") setUpgradeTarget(proc, target);
  deliverOutdated(proc, [entry.id]);
  return ok(true);
}

const contextJson = (c: SecurityContext | undefined): JsonValue => ({
  actor: c?.actor === undefined ? null : { id: c.actor.id, meta: c.actor.meta },
  scope: c?.scope === undefined ? null : { policies: [...c.scope.policies], groups: [...c.scope.groups] },
});

/** The ids of a scope's code, computed once per scope shape during one notification. */
function memoizedCode(runtime: LuaRuntime): (scope: ModuleScope) => ReadonlySet<string> {
  const known = new Map<string, ReadonlySet<string>>();
  return (scope) => {
    const key = `${scope.id}\n${[...scope.imports.values()].join("\n")}`;
    let ids = known.get(key);
    if (ids === undefined) known.set(key, (ids = codeIds(runtime, scope)));
    return ids;
  };
}

function codeIds(runtime: LuaRuntime, scope: ModuleScope): Set<string> {
  const ids = new Set([scope.id]);
  const pending = [...scope.imports.values()];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (ids.has(id)) continue;
    ids.add(id);
    const library = runtime.resolveEntry(id);
    if (library?.kind !== LIBRARY_KIND) continue;
    const imported = scopeOf(library);
    if (imported.ok) pending.push(...imported.value.imports.values());
  }
  return ids;
}
