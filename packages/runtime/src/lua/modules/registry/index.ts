/**
 * `registry` (require) — reading and changing the registry from Lua (LUA_API.md §7, Wippy's
 * `registry.md`).
 *
 * - `registry.get(id)` → entry | nil, err (`NotFound`, not retryable).
 * - `registry.find(filter)` → entries, nil (filter syntax in `snapshot.ts`).
 * - `registry.parse_id(id)` → `{ns, name}` (split at the first `:`; no `:` → `ns = ""`).
 * - `registry.snapshot()`, `registry.snapshot_at(v)` → Snapshot | nil, err (`snapshot.ts`).
 * - `registry.current_version()` → the Version this node's view is at.
 * - `registry.versions()`, `registry.history()` (`history.ts`); Versions (`version.ts`).
 * - `registry.apply_version(v)` → true | false, err: the registry as it was at `v`, written as
 *   a new version (rollback or forward); `Invalid` when it already is at `v`.
 * - `registry.build_delta(from, to)` → ops, nil: what turns the entry list `from` into `to`
 *   (creates and updates in `to`'s order, then deletes carrying the old entry); rows that are
 *   not valid entries are skipped, as in Wippy.
 * Changesets: `changes.ts`. Where reads and writes go, and read-your-writes: `access.ts`.
 * Permission checks (`registry.get`, `registry.apply`, `registry.apply_version`): `checks.ts`.
 *
 * In: the node's view and store (`RegistryModuleDeps`). Out: the module definition.
 */
import { opsBetween } from "@wippy/db";
import type { Entry } from "@wippy/shared";
import { wippyError, type WippyError } from "../../../kernel";
import { lua, type LuaState } from "../../vm/fengari";
import type { LuaFunction } from "../../vm/lua-function";
import type { LuaProcess } from "../../vm/lua-process";
import { pushObject } from "../../vm/objects";
import { checkString } from "../../vm/strings";
import { copyOut, pushValue } from "../../vm/values";
import { defineModule, type ModuleDefinition } from "../define-module";
import { pushError, raiseError, returnBoolean, returnError } from "../results";
import { RegistryAccess, unavailable, type RegistryModuleDeps } from "./access";
import { blockOnPromise } from "./await-promise";
import { authorizeChanges, authorizeRead, visibleEntries } from "./checks";
import { isUnrestricted } from "../security/authorize";
import { entryFrom, pushEntries, pushEntry, pushOps, versionArg } from "./entries";
import { listVersions, LuaHistory } from "./history";
import { filterArg, findLogged, pushSnapshot, snapshotAt } from "./snapshot";
import { pushVersion } from "./version";

/** Argument `idx` as a list of entries; rows that are not entries are skipped (logged at debug). */
function entryListArg(L: LuaState, proc: LuaProcess, idx: number, what: string): Map<string, Entry> {
  if (lua.lua_type(L, idx) !== lua.LUA_TTABLE) return raiseError(L, `build_delta expects ${what} as a table of entries`);
  const copied = copyOut(L, idx);
  if (!copied.ok) return raiseError(L, `build_delta: ${what}: ${copied.error.message}`);
  const rows = Array.isArray(copied.value) ? copied.value : Object.values(copied.value as Record<string, unknown>);
  const entries = new Map<string, Entry>();
  for (const row of rows) {
    const entry = entryFrom(row);
    if (entry.ok) entries.set(entry.value.id, entry.value);
    else proc.vm.runtime.logger.debug({ pid: proc.pid, entry: proc.entry.id, reason: entry.error.message }, "build_delta: row skipped");
  }
  return entries;
}

/** `false, err` — apply_version's failure, as in Wippy. */
function refuse(L: LuaState, error: WippyError): number {
  lua.lua_pushboolean(L, false);
  pushError(L, error);
  return 2;
}

export function registryModule(deps: RegistryModuleDeps): ModuleDefinition {
  const access = new RegistryAccess(deps);

  const get: LuaFunction = (L, proc) => {
    const id = checkString(L, 1);
    const entry = access.view.get(id);
    const denied = authorizeRead(proc, id, entry?.kind);
    if (denied !== null) return returnError(L, denied);
    if (entry === undefined) return returnError(L, wippyError("NotFound", `entry ${id} not found`, { retryable: false, details: { id } }));
    pushEntry(L, entry);
    return 1;
  };

  const find: LuaFunction = (L, proc) => {
    const filter = filterArg(L, 1);
    if (!filter.ok) return returnError(L, filter.error);
    pushEntries(L, visibleEntries(proc, findLogged(proc, access.view, filter.value)));
    lua.lua_pushnil(L);
    return 2;
  };

  const parseId: LuaFunction = (L) => {
    const id = checkString(L, 1);
    const colon = id.indexOf(":");
    pushValue(L, colon < 0 ? { ns: "", name: id } : { ns: id.slice(0, colon), name: id.slice(colon + 1) });
    return 1;
  };

  const applyVersion: LuaFunction = (L, proc) => {
    const target = versionArg(L, 1);
    if (!target.ok) return refuse(L, target.error);
    const check = isUnrestricted(proc) ? undefined : (changes: Parameters<typeof authorizeChanges>[1]) => authorizeChanges(proc, changes, target.value);
    return blockOnPromise(L, access.applyVersion(proc, target.value, check), (L2, settled) => {
      if (!settled.ok) return refuse(L2, unavailable(settled.error));
      if (!settled.value.ok) return refuse(L2, settled.value.error);
      return returnBoolean(L2, true);
    });
  };

  const buildDelta: LuaFunction = (L, proc) => {
    const from = entryListArg(L, proc, 1, "from");
    const to = entryListArg(L, proc, 2, "to");
    pushOps(L, opsBetween(from, to), (id) => from.get(id) ?? { id });
    lua.lua_pushnil(L);
    return 2;
  };

  return defineModule({
    name: "registry",
    functions: {
      get,
      find,
      parse_id: parseId,
      snapshot: (L) => pushSnapshot(L, access.view.snapshot(), access),
      snapshot_at: (L) => snapshotAt(L, access, 1),
      current_version: (L) => {
        pushVersion(L, access.view.version, access);
        return 1;
      },
      versions: (L) => listVersions(L, access),
      history: (L) => {
        pushObject(L, new LuaHistory(access));
        return 1;
      },
      apply_version: applyVersion,
      build_delta: buildDelta,
    },
  });
}

export { DEFAULT_REGISTRY_MODULE, defaultAuthor, type RegistryModuleDeps, type RegistryStorePort, type RegistryViewPort } from "./access";
export { blockOnPromise, type Settled } from "./await-promise";
