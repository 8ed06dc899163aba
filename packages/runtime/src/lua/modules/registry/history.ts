/**
 * Version history (Wippy's `registry.md`): `registry.versions()` and `registry.history()`.
 *
 * - `registry.versions()` / `hist:versions()` → every committed version, oldest first, as
 *   Version objects | nil, err.
 * - `hist:get_version(n)` → Version | nil, err (`Invalid` for a bad number, `NotFound` for a
 *   version that does not exist).
 * - `hist:snapshot_at(v)` → as `registry.snapshot_at(v)` (a Version or a number).
 */
import { wippyError } from "../../../kernel";
import { lua, type LuaState } from "../../vm/fengari";
import { checkObject, defineClass } from "../../vm/objects";
import { returnError } from "../results";
import { unavailable, type RegistryAccess } from "./access";
import { blockOnPromise } from "./await-promise";
import { versionArg } from "./entries";
import { snapshotAt } from "./snapshot";
import { pushVersion } from "./version";

export class LuaHistory {
  constructor(readonly access: RegistryAccess) {}
}

export function listVersions(L: LuaState, access: RegistryAccess): number {
  return blockOnPromise(L, access.versions(), (L2, settled) => {
    if (!settled.ok) return returnError(L2, unavailable(settled.error));
    lua.lua_createtable(L2, settled.value.length, 0);
    settled.value.forEach((info, i) => {
      pushVersion(L2, info.id, access);
      lua.lua_rawseti(L2, -2, i + 1);
    });
    return 1;
  });
}

const self = (L: LuaState): LuaHistory => checkObject(L, 1, HISTORY_CLASS);

export const HISTORY_CLASS = defineClass(LuaHistory, {
  name: "history",
  methods: {
    versions: (L) => listVersions(L, self(L).access),
    get_version: (L) => {
      const { access } = self(L);
      const id = versionArg(L, 2);
      if (!id.ok) return returnError(L, id.error);
      return blockOnPromise(L, access.store.getVersion(id.value), (L2, settled) => {
        if (!settled.ok) return returnError(L2, unavailable(settled.error));
        if (settled.value === null) return returnError(L2, wippyError("NotFound", `version ${id.value} not found`, { retryable: false }));
        pushVersion(L2, settled.value.id, access);
        return 1;
      });
    },
    snapshot_at: (L) => snapshotAt(L, self(L).access, 2),
  },
});
