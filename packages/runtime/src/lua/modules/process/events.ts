/**
 * Process events (LUA_API.md §3): `process.events()` → channel of event tables
 * `{kind, from, result = {value, error}, reason, at}` (`at` is a Time), and the kind
 * constants `process.event.EXIT / LINK_DOWN / CANCEL / OUTDATED`. OUTDATED is shown by
 * `outdated.ts`; events of kinds this module does not know are shown as their plain data.
 */
import { EVENT, type ProcessEvent } from "../../../kernel";
import { lua, type LuaState } from "../../vm/fengari";
import type { LuaFunction } from "../../vm/lua-function";
import { pushObject } from "../../vm/objects";
import { pushString } from "../../vm/strings";
import { pushValue } from "../../vm/values";
import { presentAs } from "../channel-values";
import { pushError } from "../results";
import { pushTime } from "../time-values";
import { isOutdated, OUTDATED, pushOutdated } from "./outdated";

export const EVENT_KINDS = { ...EVENT, OUTDATED } as const;

function pushEvent(L: LuaState, value: unknown): void {
  if (isOutdated(value)) {
    pushOutdated(L, value);
    return;
  }
  const event = value as ProcessEvent;
  if (event.kind !== EVENT.EXIT && event.kind !== EVENT.LINK_DOWN && event.kind !== EVENT.CANCEL) {
    pushValue(L, value);
    return;
  }
  lua.lua_createtable(L, 0, 5);
  pushString(L, event.kind);
  lua.lua_setfield(L, -2, "kind");
  pushString(L, event.from);
  lua.lua_setfield(L, -2, "from");
  if (event.kind === EVENT.CANCEL) {
    if (event.reason !== undefined) {
      pushString(L, event.reason);
      lua.lua_setfield(L, -2, "reason");
    }
  } else {
    lua.lua_createtable(L, 0, 2);
    if (event.result.error !== undefined) {
      pushError(L, event.result.error);
      lua.lua_setfield(L, -2, "error");
    } else if (event.result.value !== undefined) {
      pushValue(L, event.result.value);
      lua.lua_setfield(L, -2, "value");
    }
    lua.lua_setfield(L, -2, "result");
  }
  pushTime(L, event.at);
  lua.lua_setfield(L, -2, "at");
}

export const events: LuaFunction = (L, proc) => {
  pushObject(L, presentAs(proc.ctx.events(), pushEvent));
  return 1;
};
