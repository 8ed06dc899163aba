/**
 * Snapshot objects (Wippy's `registry.md`) — the registry at one version, immutable.
 *
 * `snap:entries()` → entries, nil; `snap:get(id)` → entry | nil, err (`NotFound`, not
 * retryable); `snap:find(filter)` → entries; `snap:namespace(ns)` → the entries whose namespace
 * is exactly `ns`; `snap:version()` → Version; `snap:changes()` → a new changeset.
 *
 * `registry.snapshot()` wraps the view's current snapshot (O(1)); `snapshot_at(v)` of the
 * view's own version does too, and of any other version asks the store (the coroutine waits):
 * invalid → `Invalid`, newer than the registry → `NotFound`.
 *
 * Reads are filtered by `registry.get` (`checks.ts`): `:get` of an entry the caller may not
 * read is `PermissionDenied`; lists leave such entries out.
 *
 * Filters (`find`): keys `.kind`, `.ns`, `.name`, `.id`, `meta.<field>`, with an optional
 * operator prefix `~` regex, `*` contains, `^` prefix, `$` suffix. Other keys are ignored and
 * logged once per call at warn level with the process's pid and entry.
 */
import type { Entry, JsonValue } from "@wippy/shared";
import { wippyError, type Result } from "../../../kernel";
import { RegistrySnapshot, type FindResult } from "../../../registry/view";
import { lua, type LuaState } from "../../vm/fengari";
import type { LuaProcess } from "../../vm/lua-process";
import { checkObject, defineClass, pushObject } from "../../vm/objects";
import { checkString } from "../../vm/strings";
import { copyOut } from "../../vm/values";
import { raiseError, returnError } from "../results";
import { unavailable, type RegistryAccess } from "./access";
import { blockOnPromise } from "./await-promise";
import { LuaChanges } from "./changes";
import { authorizeRead, visibleEntries } from "./checks";
import { pushEntries, pushEntry, versionArg } from "./entries";
import { pushVersion } from "./version";

export class LuaSnapshot {
  constructor(
    readonly snapshot: RegistrySnapshot,
    readonly access: RegistryAccess,
  ) {}
}

export function snapshotOf(version: number, entries: ReadonlyMap<string, Entry>): RegistrySnapshot {
  const byKind = new Map<string, Map<string, Entry>>();
  for (const entry of entries.values()) {
    let ofKind = byKind.get(entry.kind);
    if (ofKind === undefined) byKind.set(entry.kind, (ofKind = new Map()));
    ofKind.set(entry.id, entry);
  }
  return new RegistrySnapshot(version, { byId: new Map(entries), byKind });
}

type Filter = Record<string, JsonValue | undefined>;

/** Argument `idx` as a find filter; a non-table raises (a programming error). */
export function filterArg(L: LuaState, idx: number): Result<Filter> {
  if (lua.lua_type(L, idx) !== lua.LUA_TTABLE) return raiseError(L, "find expects a filter table");
  const copied = copyOut(L, idx);
  if (!copied.ok) return { ok: false, error: wippyError("Invalid", `invalid filter: ${copied.error.message}`, { retryable: false }) };
  // An empty Lua table copies as `[]`: no conditions.
  return { ok: true, value: Array.isArray(copied.value) ? {} : (copied.value as Filter) };
}

/** Runs a find and logs its warnings (unknown keys, bad regexes) for the calling process. */
export function findLogged(proc: LuaProcess, source: { find(filter: Filter): FindResult }, filter: Filter): readonly Entry[] {
  const { entries, warnings } = source.find(filter);
  if (warnings.length > 0) proc.vm.runtime.logger.warn({ pid: proc.pid, entry: proc.entry.id, warnings }, warnings.join("; "));
  return entries;
}

export function pushSnapshot(L: LuaState, snapshot: RegistrySnapshot, access: RegistryAccess): number {
  pushObject(L, new LuaSnapshot(snapshot, access));
  return 1;
}

/** `snapshot_at(v)` for the module and for history objects; `idx` holds the version. */
export function snapshotAt(L: LuaState, access: RegistryAccess, idx: number): number {
  const version = versionArg(L, idx);
  if (!version.ok) return returnError(L, version.error);
  if (version.value === access.view.version) return pushSnapshot(L, access.view.snapshot(), access);
  return blockOnPromise(L, access.store.snapshotAt(version.value), (L2, settled) => {
    if (!settled.ok) return returnError(L2, unavailable(settled.error));
    const result = settled.value;
    if (!result.ok) return returnError(L2, wippyError(result.error.kind, result.error.message, { retryable: false }));
    return pushSnapshot(L2, snapshotOf(result.value.version, result.value.entries), access);
  });
}

const self = (L: LuaState): LuaSnapshot => checkObject(L, 1, SNAPSHOT_CLASS);

export const SNAPSHOT_CLASS = defineClass(LuaSnapshot, {
  name: "snapshot",
  tostring: (s) => `snapshot at version ${s.snapshot.version}`,
  methods: {
    entries: (L, proc) => {
      pushEntries(L, visibleEntries(proc, self(L).snapshot.entries()));
      lua.lua_pushnil(L);
      return 2;
    },
    get: (L, proc) => {
      const { snapshot } = self(L);
      const id = checkString(L, 2);
      const entry = snapshot.get(id);
      const denied = authorizeRead(proc, id, entry?.kind);
      if (denied !== null) return returnError(L, denied);
      if (entry === undefined) return returnError(L, wippyError("NotFound", `entry ${id} not found at version ${snapshot.version}`, { retryable: false }));
      pushEntry(L, entry);
      return 1;
    },
    find: (L, proc) => {
      const { snapshot } = self(L);
      const filter = filterArg(L, 2);
      if (!filter.ok) return returnError(L, filter.error);
      pushEntries(L, visibleEntries(proc, findLogged(proc, snapshot, filter.value)));
      return 1;
    },
    namespace: (L, proc) => {
      pushEntries(L, visibleEntries(proc, self(L).snapshot.namespace(checkString(L, 2))));
      return 1;
    },
    version: (L) => {
      const { snapshot, access } = self(L);
      pushVersion(L, snapshot.version, access);
      return 1;
    },
    changes: (L) => {
      pushObject(L, new LuaChanges(self(L).access));
      return 1;
    },
  },
});
