/**
 * `ctx` (require) — the request context a process was spawned with (`process.with_context`,
 * inherited from the spawner). `ctx.get(key)` → value | nil, err (`NotFound` when absent,
 * `Invalid` for an empty key); `ctx.all()` → a table of every value (empty when none).
 */
import { wippyError } from "../../kernel";
import type { LuaFunction } from "../vm/lua-function";
import { checkString } from "../vm/strings";
import { defineModule } from "./define-module";
import { returnError, returnValue } from "./results";

const get: LuaFunction = (L, proc) => {
  const key = checkString(L, 1);
  if (key === "") return returnError(L, wippyError("Invalid", "context key must not be empty", { retryable: false }));
  const context = proc.context;
  if (!Object.hasOwn(context, key)) return returnError(L, wippyError("NotFound", `context key "${key}" not found`, { retryable: false }));
  return returnValue(L, context[key]);
};

const all: LuaFunction = (L, proc) => returnValue(L, { ...proc.context });

export const ctxModule = defineModule({ name: "ctx", functions: { get, all } });
