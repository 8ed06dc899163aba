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
 * - Change requests (issue 9, our addition): `changes:propose(message)` (`changes.ts`);
 *   `registry.change_request(id)` → the request as a table (the shape of its outcome events:
 *   `{id, status, version?, stale_entries?, problems?, reason?, …}`) | nil, err (`NotFound`;
 *   `PermissionDenied` unless the process may `registry.get` or `registry.propose` every entry
 *   it touches); `registry.approve_change(id)` → always nil, `PermissionDenied`: an agent never
 *   approves (its own request least of all) — people review in the control plane.
 * Changesets: `changes.ts`. Where reads and writes go, and read-your-writes: `access.ts`.
 * Permission checks (`registry.get`, `registry.apply`, `registry.apply_version`): `checks.ts`.
 *
 * In: the node's view and store (`RegistryModuleDeps`). Out: the module definition.
 */
import { opsBetween } from "@wippy/db";
import { changeRequestEventData, type ChangeRequest, type Entry } from "@wippy/shared";
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
import { authorizeChanges, authorizeRead, reviewRefusal, visibleEntries } from "./checks";
import { authorize, isUnrestricted } from "../security/authorize";
import { processAuthor } from "./author";
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
    const rules = access.reviewRules();
    const restricted = !isUnrestricted(proc);
    const check =
      !restricted && rules.empty
        ? undefined
        : (changes: Parameters<typeof authorizeChanges>[1]) =>
            (restricted ? authorizeChanges(proc, changes, target.value) : null) ?? reviewRefusal(rules, changes.map((c) => c.id), "registry.apply_version");
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

  /** A change request id: a whole number ≥ 1, given as a number or a string. */
  const requestIdArg = (L: LuaState): number | null => {
    const raw = lua.lua_type(L, 1) === lua.LUA_TNUMBER ? lua.lua_tonumber(L, 1) : Number(checkString(L, 1));
    return Number.isInteger(raw) && raw >= 1 ? raw : null;
  };
  const badRequestId = (L: LuaState) => returnError(L, wippyError("Invalid", "a change request id is a whole number ≥ 1", { retryable: false }));

  /** May the caller see a request: `registry.get` or `registry.propose` on every entry it touches. */
  const mayRead = (proc: LuaProcess, cr: ChangeRequest) => {
    if (isUnrestricted(proc)) return null;
    for (const id of cr.entryIds) {
      const denied = authorize(proc, "registry.get", id);
      if (denied !== null && authorize(proc, "registry.propose", id) !== null) return denied;
    }
    return null;
  };

  const changeRequest: LuaFunction = (L, proc) => {
    const id = requestIdArg(L);
    if (id === null) return badRequestId(L);
    return blockOnPromise(L, access.changeRequest(id), (L2, settled) => {
      if (!settled.ok) return returnError(L2, unavailable(settled.error));
      if (!settled.value.ok) return returnError(L2, settled.value.error);
      const cr = settled.value.value;
      if (cr === null) return returnError(L2, wippyError("NotFound", `change request #${id} not found`, { retryable: false, details: { id: String(id) } }));
      const denied = mayRead(proc, cr);
      if (denied !== null) return returnError(L2, denied);
      pushValue(L2, changeRequestEventData(cr));
      return 1;
    });
  };

  const approveChange: LuaFunction = (L, proc) => {
    const id = requestIdArg(L);
    if (id === null) return badRequestId(L);
    const me = processAuthor(proc).id;
    return blockOnPromise(L, access.changeRequest(id), (L2, settled) => {
      const cr = settled.ok && settled.value.ok ? settled.value.value : null;
      const own = cr !== null && cr.author.kind === "actor" && cr.author.id === me;
      const message = own
        ? `permission denied: nobody approves their own change request (#${id} was proposed by ${me}), and an agent never approves: a person with the approver role reviews it in the control plane`
        : `permission denied: an agent never approves a change request (#${id}): a person with the approver role reviews it in the control plane`;
      return returnError(L2, wippyError("PermissionDenied", message, { retryable: false, details: { action: "registry.approve", resource: String(id), decision: own ? "own" : "agent" } }));
    });
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
      change_request: changeRequest,
      approve_change: approveChange,
    },
  });
}

export { DEFAULT_REGISTRY_MODULE, defaultAuthor, type ChangeRequestPort, type RegistryModuleDeps, type RegistryStorePort, type RegistryViewPort } from "./access";
export { processAuthor, type ProcessAuthor } from "./author";
export { blockOnPromise, type Settled } from "./await-promise";
