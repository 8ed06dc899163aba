/**
 * Spawning from Lua (LUA_API.md §3): `process.spawn(id, host, ...)` and its `_monitored`,
 * `_linked`, `_linked_monitored` variants → pid | nil, err; `process.exec(id, host, ...)` →
 * the child's result | nil, err (it waits for the exit). Builders (`spawn-builder.ts`) add a
 * context, a name, options and messages queued for the child before it runs.
 *
 * - `id` may be relative to the spawner's namespace; the entry must be a `process.lua` (or
 *   `function.lua`); unknown entry or host → `NotFound`, bad arguments (a function, a
 *   cycle…) → `Invalid`; nothing is spawned then.
 * - The child's context is the spawner's merged with the builder's (`ctx.get` in the child).
 * - Security (issue 9): `process.spawn` (or `process.exec`) on the entry id, `process.spawn.
 *   monitored` / `.linked` for those variants, `process.host` on the host, and
 *   `process.registry.register` on a `:with_name` name, all before
 *   anything is looked up (a refusal does not reveal whether the entry exists). The child runs
 *   with the spawner's actor and scope unless the builder gave its own (`handOff`: needs
 *   `process.security`, and a scope only narrows). A spawner without a context has a child
 *   without one — "spawned processes start fresh" — while a spawner that has one passes it on:
 *   a fresh child of a restricted spawner would be unrestricted, the widening issue 9 forbids.
 * - Under spawn backpressure (the host's run queue is full) the spawner gives up its turn
 *   right after the spawn.
 */
import { fail, ok, receiveCase, type ExitEvent, type Pid, type Result, type WippyError } from "../../../kernel";
import type { Actor, Scope } from "../../../security";
import { block, yieldThen } from "../../vm/blocking";
import { absoluteId } from "../../vm/chunks";
import { lua, type LuaState } from "../../vm/fengari";
import type { LuaProcess } from "../../vm/lua-process";
import { checkString, pushString } from "../../vm/strings";
import { copyOutRange } from "../../vm/values";
import { returnError, returnValue } from "../results";
import { authorize, handOff, isUnrestricted } from "../security/authorize";

export interface QueuedMessage {
  readonly topic: string;
  readonly payloads: readonly unknown[];
}

export interface SpawnRequest {
  readonly context?: Readonly<Record<string, unknown>>;
  readonly options?: Readonly<Record<string, unknown>>;
  readonly name?: string;
  readonly messages?: readonly QueuedMessage[];
  /** `:with_actor` / `:with_scope`: the child's security context instead of the spawner's. */
  readonly actor?: Actor;
  readonly scope?: Scope;
}

export interface SpawnMode {
  readonly link: boolean;
  readonly monitor: boolean;
}

export const PLAIN: SpawnMode = { link: false, monitor: false };
export const MONITORED: SpawnMode = { link: false, monitor: true };
export const LINKED: SpawnMode = { link: true, monitor: false };
export const LINKED_MONITORED: SpawnMode = { link: true, monitor: true };

function childContext(proc: LuaProcess, extra: Readonly<Record<string, unknown>> | undefined): Readonly<Record<string, unknown>> | undefined {
  const own = proc.context;
  if (extra === undefined) return Object.keys(own).length === 0 ? undefined : own;
  return { ...own, ...extra };
}

/** The permission checks of a spawn (`exec`: of `process.exec`) of entry `id` on `host`. */
export function authorizeSpawn(proc: LuaProcess, id: string, host: string, mode: SpawnMode, exec: boolean): WippyError | null {
  if (isUnrestricted(proc)) return null;
  const meta = () => ({ host });
  return (
    authorize(proc, exec ? "process.exec" : "process.spawn", id, meta) ??
    (mode.monitor ? authorize(proc, "process.spawn.monitored", id, meta) : null) ??
    (mode.link ? authorize(proc, "process.spawn.linked", id, meta) : null) ??
    authorize(proc, "process.host", host, () => ({ entry: id }))
  );
}

/** Spawns with arguments `first` (id), `first + 1` (host), the rest as the child's args. */
export function spawnFrom(L: LuaState, proc: LuaProcess, request: SpawnRequest, mode: SpawnMode, first: number, exec = false): Result<Pid> {
  const id = absoluteId(checkString(L, first), proc.entry.scope.namespace);
  const host = checkString(L, first + 1);
  const args = copyOutRange(L, first + 2, lua.lua_gettop(L), proc.vm.runtime.copyLimits);
  if (!args.ok) return fail(args.error);
  const denied = authorizeSpawn(proc, id, host, mode, exec) ?? (request.name === undefined ? null : authorize(proc, "process.registry.register", request.name));
  if (denied !== null) return fail(denied);
  const security = handOff(proc, request.actor, request.scope, "process.security");
  if (!security.ok) return security;
  const spec = proc.vm.runtime.spawnSpec(id, host, args.value, {
    context: childContext(proc, request.context),
    options: request.options,
    name: request.name,
    link: mode.link,
    monitor: mode.monitor,
    security: security.value,
  });
  if (!spec.ok) return spec;
  const pid = proc.ctx.spawn(spec.value);
  if (!pid.ok) return pid;
  for (const m of request.messages ?? []) proc.ctx.send(pid.value, m.topic, m.payloads);
  return ok(pid.value);
}

export function returnSpawned(L: LuaState, proc: LuaProcess, result: Result<Pid>): number {
  if (!result.ok) return returnError(L, result.error);
  const pid = result.value;
  const push = (L2: LuaState): number => {
    pushString(L2, pid);
    return 1;
  };
  return proc.ctx.shouldYield() ? yieldThen(L, push) : push(L);
}

export function execFrom(L: LuaState, proc: LuaProcess, request: SpawnRequest, first: number): number {
  const pid = spawnFrom(L, proc, request, PLAIN, first, true);
  if (!pid.ok) return returnError(L, pid.error);
  const exit = proc.ctx.awaitExit(pid.value);
  if (!exit.ok) return returnError(L, exit.error);
  return block(L, [receiveCase(exit.value)], (L2, outcome) => {
    const event = (outcome.kind === "received" ? outcome.value : undefined) as ExitEvent | undefined;
    if (event === undefined) return returnValue(L2, undefined);
    if (event.result.error !== undefined) return returnError(L2, event.result.error);
    return returnValue(L2, event.result.value);
  });
}

export const spawnWith = (mode: SpawnMode) => (L: LuaState, proc: LuaProcess): number => returnSpawned(L, proc, spawnFrom(L, proc, {}, mode, 1));

export const exec = (L: LuaState, proc: LuaProcess): number => execFrom(L, proc, {}, 1);
