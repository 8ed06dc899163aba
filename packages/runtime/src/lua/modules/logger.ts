/**
 * `logger` (require) — structured logs for the process (LUA_API.md §6). `require("logger")`
 * is a logger object: `logger:info(msg, fields?)` (also `debug`, `warn`, `error`),
 * `logger:with(fields)` → a child that adds fields to every line, `logger:named(name)` → a
 * child with that name (empty → `Invalid`). Every line carries the pid and entry id and goes
 * to the runtime's (pino-compatible) logger.
 */
import { wippyError } from "../../kernel";
import { lua, type LuaState } from "../vm/fengari";
import type { LuaFunction } from "../vm/lua-function";
import { checkObject, defineClass, pushObject } from "../vm/objects";
import { checkString } from "../vm/strings";
import { copyOut } from "../vm/values";
import { defineModule } from "./define-module";
import { raiseError, returnError } from "./results";

export class LuaLoggerObject {
  constructor(
    readonly fields: Readonly<Record<string, unknown>>,
    readonly name: string | undefined,
  ) {}
}

const self = (L: LuaState): LuaLoggerObject => checkObject(L, 1, LOGGER_CLASS);

function fieldsArg(L: LuaState, idx: number): Record<string, unknown> {
  if (lua.lua_type(L, idx) !== lua.LUA_TTABLE) return {};
  const copied = copyOut(L, idx);
  if (!copied.ok) return raiseError(L, copied.error);
  return Array.isArray(copied.value) ? {} : (copied.value as Record<string, unknown>);
}

type Level = "debug" | "info" | "warn" | "error";

const write = (level: Level): LuaFunction => (L, proc) => {
  const logger = self(L);
  const message = lua.lua_isnoneornil(L, 2) ? "" : checkString(L, 2);
  const fields = { ...logger.fields, ...fieldsArg(L, 3), pid: proc.pid, entry: proc.entry.id, version: proc.version };
  proc.vm.runtime.logger[level](logger.name === undefined ? fields : { ...fields, logger: logger.name }, message);
  return 0;
};

export const LOGGER_CLASS = defineClass(LuaLoggerObject, {
  name: "logger",
  methods: {
    debug: write("debug"),
    info: write("info"),
    warn: write("warn"),
    error: write("error"),
    with: (L) => {
      const logger = self(L);
      pushObject(L, new LuaLoggerObject({ ...logger.fields, ...fieldsArg(L, 2) }, logger.name));
      return 1;
    },
    named: (L) => {
      const logger = self(L);
      const name = checkString(L, 2);
      if (name === "") return returnError(L, wippyError("Invalid", "logger name must not be empty", { retryable: false }));
      pushObject(L, new LuaLoggerObject(logger.fields, logger.name === undefined ? name : `${logger.name}.${name}`));
      return 1;
    },
  },
});

const ROOT = new LuaLoggerObject({}, undefined);

export const loggerModule = defineModule({
  name: "logger",
  open: (L) => pushObject(L, ROOT),
});
