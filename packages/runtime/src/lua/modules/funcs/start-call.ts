/**
 * Starting a function call — what `funcs.call`, `funcs.async` and an executor's `:call` /
 * `:async` share (LUA_API.md §5).
 *
 * Terms:
 * - target: `namespace:name`, always absolute (Wippy requires the namespace). Empty, without
 *   a namespace or without a name → `Invalid`; not in the registry → `NotFound`; all three not
 *   retryable. Nothing is started then.
 * - callee: a `function.lua` entry, or a `process.lua` entry with `meta.default_host` (it is
 *   then callable as a function on that host). Any other kind, or a `process.lua` without a
 *   default host → `Invalid`.
 * - host: the entry's `meta.default_host` when it has one, else the caller's host.
 * - call: the callee runs as its own short-lived process (so `process.pid()`, its inbox,
 *   events, spawns and names work inside), spawned by the caller, with the caller's context
 *   merged with the executor's (`ctx.get` inside). Its exit is the call's result: `{value}`,
 *   or `{error}` for a returned or raised error (kind and retryable kept).
 * - code version: the entry is looked up and compiled when the call starts, so a call in
 *   flight finishes on the code it started with and the next call runs the newest code; a
 *   function deleted from the registry is `NotFound` from then on.
 * - in flight: calls still running when their caller exits are terminated (their results
 *   would have nowhere to go).
 * - security (issue 9): `funcs.call` on the target is checked first (a refusal says nothing
 *   about whether the function exists); the callee runs with the caller's actor and scope, or
 *   the executor's (`with_actor` / `with_scope`: `funcs.security`, a scope only narrows).
 *
 * In: the caller, the stack (target at `first`, arguments after it), a call request.
 * Out: a `StartedCall` (pid + one-shot exit channel) or a tagged error.
 */
import type { Entry } from "@wippy/shared";
import { fail, ok, wippyError, type Channel, type ExitEvent, type Pid, type Result } from "../../../kernel";
import { lua, type LuaState } from "../../vm/fengari";
import type { LuaProcess } from "../../vm/lua-process";
import { checkString } from "../../vm/strings";
import { copyOutRange } from "../../vm/values";
import type { Actor, Scope } from "../../../security";
import { authorize, handOff } from "../security/authorize";

export interface CallRequest {
  /** Context values beyond the caller's (`executor:with_context`). */
  readonly context?: Readonly<Record<string, unknown>>;
  /** The callee's actor / scope instead of the caller's (`executor:with_actor`, `:with_scope`). */
  readonly actor?: Actor;
  readonly scope?: Scope;
}

export interface StartedCall {
  readonly target: string;
  readonly pid: Pid;
  /** Receives the callee's EXIT event once (capacity 1, never closed by the kernel). */
  readonly exits: Channel<ExitEvent>;
}

/** Kinds that run as functions; `process.lua` only with a default host. */
export const CALLABLE_KINDS: ReadonlySet<string> = new Set(["function.lua", "process.lua"]);

/** Calls still running per caller; pruned past this size so a long-lived caller stays small. */
const IN_FLIGHT_PRUNE_AT = 64;

const refuse = (kind: "Invalid" | "NotFound", message: string, target: string): Result<never> =>
  fail(wippyError(kind, message, { retryable: false, details: { target } }));

/** Checks the shape of a target id (`ns:name`); the registry lookup comes after. */
export function checkTarget(target: string): Result<string> {
  if (target === "") return refuse("Invalid", "function ID required", target);
  const colon = target.indexOf(":");
  if (colon <= 0) return refuse("Invalid", `namespace required in function ID "${target}"`, target);
  if (colon === target.length - 1) return refuse("Invalid", `name required in function ID "${target}"`, target);
  return ok(target);
}

function defaultHost(entry: Entry): string | undefined {
  const host = entry.meta.default_host;
  return typeof host === "string" && host !== "" ? host : undefined;
}

/** The entry to run and the host to run it on. */
export function resolveCallee(proc: LuaProcess, target: string): Result<{ entry: Entry; host: string }> {
  const entry = proc.vm.runtime.resolveEntry(target);
  if (entry === undefined) return refuse("NotFound", `function ${target} not found`, target);
  if (!CALLABLE_KINDS.has(entry.kind)) return refuse("Invalid", `${target} is a ${entry.kind}, not a function`, target);
  const host = defaultHost(entry);
  if (entry.kind === "process.lua" && host === undefined) {
    return refuse("Invalid", `${target} is a process.lua without meta.default_host, so it cannot be called as a function`, target);
  }
  return ok({ entry, host: host ?? proc.vm.host });
}

const IN_FLIGHT = {};

/** The caller's calls still running, terminated when it exits. */
function inFlight(proc: LuaProcess): Set<StartedCall> {
  return proc.local(IN_FLIGHT, () => {
    const calls = new Set<StartedCall>();
    proc.onExit(() => {
      // The kernel refuses (NotFound) calls that already ended; nothing to do for those.
      for (const call of calls) proc.vm.runtime.kernel.terminate(call.pid);
      calls.clear();
    });
    return calls;
  });
}

/** A call whose exit has arrived no longer needs terminating (its EXIT may not have been read yet). */
export function finishCall(proc: LuaProcess, call: StartedCall): void {
  inFlight(proc).delete(call);
}

function track(proc: LuaProcess, call: StartedCall): void {
  const calls = inFlight(proc);
  if (calls.size >= IN_FLIGHT_PRUNE_AT) {
    for (const c of calls) if (!proc.vm.runtime.kernel.info(c.pid).ok) calls.delete(c);
  }
  calls.add(call);
}

/** Starts the call whose target is at stack index `first` and whose arguments follow it. */
export function startCall(L: LuaState, proc: LuaProcess, request: CallRequest, first: number): Result<StartedCall> {
  const target = checkTarget(checkString(L, first));
  if (!target.ok) return target;
  const denied = authorize(proc, "funcs.call", target.value);
  if (denied !== null) return fail(denied);
  const security = handOff(proc, request.actor, request.scope, "funcs.security");
  if (!security.ok) return security;
  const args = copyOutRange(L, first + 1, lua.lua_gettop(L), proc.vm.runtime.copyLimits);
  if (!args.ok) return fail(wippyError("Invalid", `arguments of ${target.value}: ${args.error.message}`, { retryable: false }));
  const callee = resolveCallee(proc, target.value);
  if (!callee.ok) return callee;
  const { entry, host } = callee.value;
  const vm = proc.vm.runtime.vm(host);
  if (!vm.ok) return vm;
  const compiled = vm.value.compile(entry);
  if (!compiled.ok) return compiled;
  const context = { ...proc.context, ...request.context };
  const behaviour = vm.value.behaviour(compiled.value, { context: Object.keys(context).length === 0 ? undefined : context, security: security.value });
  const pid = proc.ctx.spawn({ host, behaviour, args: args.value, id: entry.id });
  if (!pid.ok) return pid;
  // The callee has not run yet (spawn only queues it), so its exit cannot be missed.
  const exits = proc.ctx.awaitExit(pid.value);
  if (!exits.ok) return exits;
  exits.value.label = "call";
  const call: StartedCall = { target: target.value, pid: pid.value, exits: exits.value };
  track(proc, call);
  return ok(call);
}
