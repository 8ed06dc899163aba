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
 * - Under spawn backpressure (the host's run queue is full) the spawner gives up its turn
 *   right after the spawn.
 */
import { fail, ok, receiveCase, type ExitEvent, type Pid, type Result } from "../../../kernel";
import { block, yieldThen } from "../../vm/blocking";
import { lua, type LuaState } from "../../vm/fengari";
import type { LuaProcess } from "../../vm/lua-process";
import { checkString, pushString } from "../../vm/strings";
import { copyOutRange } from "../../vm/values";
import { returnError, returnValue } from "../results";

export interface QueuedMessage {
  readonly topic: string;
  readonly payloads: readonly unknown[];
}

export interface SpawnRequest {
  readonly context?: Readonly<Record<string, unknown>>;
  readonly options?: Readonly<Record<string, unknown>>;
  readonly name?: string;
  readonly messages?: readonly QueuedMessage[];
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

/** Spawns with arguments `first` (id), `first + 1` (host), the rest as the child's args. */
export function spawnFrom(L: LuaState, proc: LuaProcess, request: SpawnRequest, mode: SpawnMode, first: number): Result<Pid> {
  const id = checkString(L, first);
  const host = checkString(L, first + 1);
  const args = copyOutRange(L, first + 2, lua.lua_gettop(L), proc.vm.runtime.copyLimits);
  if (!args.ok) return fail(args.error);
  const spec = proc.vm.runtime.spawnSpec(id, host, args.value, {
    namespace: proc.entry.scope.namespace,
    context: childContext(proc, request.context),
    options: request.options,
    name: request.name,
    link: mode.link,
    monitor: mode.monitor,
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
  const pid = spawnFrom(L, proc, request, PLAIN, first);
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
