/**
 * Version objects (Wippy's `registry.md`): `v:id()` → number, `v:string()` → its display
 * string (the number, e.g. `"5"`), `v:previous()` → the version before it (nil for version 1
 * and below), `v:next()` → the version after it, or nil when it is the newest this node has
 * applied. Versions are gap-free numbers, so neither needs the database.
 */
import { lua, type LuaState } from "../../vm/fengari";
import { checkObject, defineClass, pushObject } from "../../vm/objects";
import { pushString } from "../../vm/strings";
import type { RegistryAccess } from "./access";

export class LuaVersion {
  constructor(
    readonly id: number,
    readonly access: RegistryAccess,
  ) {}
}

export function pushVersion(L: LuaState, id: number, access: RegistryAccess): void {
  pushObject(L, new LuaVersion(id, access));
}

const self = (L: LuaState): LuaVersion => checkObject(L, 1, VERSION_CLASS);

export const VERSION_CLASS = defineClass(LuaVersion, {
  name: "version",
  tostring: (v) => `version ${v.id}`,
  methods: {
    id: (L) => {
      lua.lua_pushinteger(L, self(L).id);
      return 1;
    },
    string: (L) => {
      pushString(L, String(self(L).id));
      return 1;
    },
    previous: (L) => {
      const v = self(L);
      if (v.id <= 1) lua.lua_pushnil(L);
      else pushVersion(L, v.id - 1, v.access);
      return 1;
    },
    next: (L) => {
      const v = self(L);
      if (v.id >= v.access.view.version) lua.lua_pushnil(L);
      else pushVersion(L, v.id + 1, v.access);
      return 1;
    },
  },
});
