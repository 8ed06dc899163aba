/**
 * `uuid` (require) — identifiers (LUA_API.md §6): `uuid.v4()` (random), `uuid.v7()`
 * (time-ordered, from the kernel clock), `uuid.validate(s)` → boolean, `uuid.version(s)` →
 * integer | nil, err (`Invalid`).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { wippyError } from "../../kernel";
import { lua } from "../vm/fengari";
import type { LuaFunction } from "../vm/lua-function";
import { toJsString } from "../vm/strings";
import { defineModule } from "./define-module";
import { returnBoolean, returnError, returnString, returnValue } from "./results";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function uuidV7(nowMs: number): string {
  const bytes = randomBytes(16);
  let ms = Math.floor(nowMs);
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const v4: LuaFunction = (L) => returnString(L, randomUUID());
const v7: LuaFunction = (L, proc) => returnString(L, uuidV7(proc.ctx.clock.now()));

const validate: LuaFunction = (L) => returnBoolean(L, lua.lua_type(L, 1) === lua.LUA_TSTRING && UUID.test(toJsString(L, 1) ?? ""));

const version: LuaFunction = (L) => {
  const text = lua.lua_type(L, 1) === lua.LUA_TSTRING ? (toJsString(L, 1) ?? "") : "";
  if (!UUID.test(text)) return returnError(L, wippyError("Invalid", "not a valid UUID", { retryable: false }));
  return returnValue(L, parseInt(text[14] as string, 16));
};

export const uuidModule = defineModule({ name: "uuid", functions: { v4, v7, validate, version } });
