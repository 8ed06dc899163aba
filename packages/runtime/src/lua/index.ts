/**
 * Public surface of the Lua layer (the only place that imports fengari).
 *
 * Dialect loader: `stripTypes` turns Wippy Lua into plain Lua 5.3 with lines and columns kept;
 * `checkLuaSyntax` compiles a source without running it and reports the first error at its
 * original line; `CAST_PRELUDE` defines the callable casts `integer/number/string/boolean(x)` in a
 * sandbox environment.
 *
 * Runtime: `LuaRuntime` runs Lua entries as kernel processes (a `LuaVM` — one fengari state —
 * per host, a coroutine and private environment per process), with the built-in modules of
 * LUA_API.md §3–§6. Module authors use `defineModule` / `defineClass` and the helpers below
 * (`returnValue`, `returnError`, `raiseError`, `block`, `checkString`, `copyOut`, …).
 */
export { stripTypes, type StrippedSource } from "./dialect/strip-types";
export { checkLuaSyntax, type SyntaxCheck } from "./dialect/check-syntax";
export { CAST_PRELUDE, CAST_PRELUDE_CHUNK_NAME } from "./dialect/cast-prelude";

export {
  LuaRuntime,
  SILENT_LOGGER,
  SPAWNABLE_KINDS,
  type EntryResolver,
  type LuaLogger,
  type LuaRuntimeOptions,
  type LuaSpawnOptions,
} from "./runtime";
export type { LuaVM } from "./vm/lua-vm";
export type { LuaProcess, ProcessSetup } from "./vm/lua-process";
export type { CompiledEntry, ModuleScope } from "./vm/chunks";
export { HOOK_INSTRUCTIONS, INSTRUCTIONS_PER_UNIT } from "./vm/preemption";

// Writing modules.
export { defineModule, type ModuleDefinition, type ModuleTable } from "./modules/define-module";
export { BUILTIN_MODULES } from "./modules";
export type { LuaFunction } from "./vm/lua-function";
export { defineClass, pushObject, toObject, checkObject, isObject, typeNameAt, type LuaClass, type LuaClassSpec } from "./vm/objects";
export { returnValue, returnBoolean, returnString, returnError, returnResult, raiseError, pushError, argData } from "./modules/results";
export { block, yieldThen, type Continuation } from "./vm/blocking";
export { copyOut, copyOutRange, pushValue, LuaFloat, DEFAULT_COPY_LIMITS, type CopyLimits } from "./vm/values";
export { checkString, optString, pushString, toJsString, jsString } from "./vm/strings";
export { ErrorValue, asErrorValue, errorValue, type ErrorValueExtras } from "./vm/error-value";
export { presentAs, type Presenter } from "./modules/channel-values";
export { lua, lauxlib, type LuaState, type LuaCFunction } from "./vm/fengari";

// The built-in modules, for embedders that replace one (e.g. a replaying `time` for workflows).
export { errorsModule, ERROR_CLASS } from "./modules/errors";
export { channelModule, CHANNEL_CLASS } from "./modules/channel";
export { processModule } from "./modules/process";
export { timeModule } from "./modules/time";
export { Time, Duration, TIME_CLASS, DURATION_CLASS, durationArg, pushTime } from "./modules/time-values";
export { jsonModule } from "./modules/json";
export { uuidModule } from "./modules/uuid";
export { loggerModule } from "./modules/logger";
export { ctxModule } from "./modules/ctx";
export { ioModule, type TerminalIo } from "./modules/io";
export { securityModule, ACTOR_CLASS, SCOPE_CLASS, POLICY_CLASS, authorize, handOff, isUnrestricted } from "./modules/security";

// Modules the node builds with its own services (`modules` of `LuaRuntime`).
export { funcsModule, Executor, EXECUTOR_CLASS, Future, FUTURE_CLASS, CALLABLE_KINDS } from "./modules/funcs";
export { eventsModule, LuaSubscription, SUBSCRIPTION_CLASS, type EventsBus } from "./modules/events";
export {
  registryModule,
  blockOnPromise,
  DEFAULT_REGISTRY_MODULE,
  defaultAuthor,
  processAuthor,
  type ChangeRequestPort,
  type ProcessAuthor,
  type RegistryModuleDeps,
  type RegistryStorePort,
  type RegistryViewPort,
  type Settled,
} from "./modules/registry";
export {
  sqlModule,
  SQL_ISOLATION_LEVELS,
  type SqlConnector,
  type SqlDatabasePort,
  type SqlExecResult,
  type SqlIsolation,
  type SqlParam,
  type SqlPoolStats,
  type SqlRow,
  type SqlRunner,
  type SqlRunOptions,
  type SqlTransactionPort,
  type SqlTxOptions,
} from "./modules/sql";

// Hot change (LUA_API.md §7): OUTDATED events and in-place upgrades of upgradable processes.
export { notifyOutdated, upgradeProcess } from "./upgrade";
