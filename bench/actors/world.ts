/**
 * A bench world: one kernel on the real clock, driven by a `Pump` on the Node event loop, one
 * host, and a `LuaRuntime` that runs the bench's Lua entries (`entries.ts`).
 *
 * Terms:
 * - `idle()`: resolves once the kernel has no ready process left (every process has exited
 *   or is parked on a channel) — the end of a burst of work started from TS.
 * - `exited(pid)`: resolves with the exit reason of `pid`.
 * - `samples`: what Lua code recorded with the `bench` global: `bench.now()` is
 *   `performance.now()` in ms (sub-µs resolution), `bench.record(x)` appends `x`.
 * - `close()`: removes the host, so every process left on it exits with `shutdown`.
 *
 * A world per measurement keeps them independent: each gets its own fengari state.
 */
import { performance } from "node:perf_hooks";
import type { Entry } from "@wippy/shared";
import { Kernel, Pump, RealClock, type ExitReason, type HostConfig, type Pid, type Result } from "@wippy/runtime/kernel";
import { defineModule, lua, returnValue, LuaRuntime, type LuaFunction } from "@wippy/runtime/lua";
import { ENTRIES } from "./entries";

export const HOST = "bench:procs";

export interface World {
  readonly kernel: Kernel;
  readonly runtime: LuaRuntime;
  readonly samples: number[];
  spawn(id: string, args?: readonly unknown[]): Pid;
  idle(): Promise<void>;
  exited(pid: Pid): Promise<ExitReason>;
  close(): void;
}

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.value;
}

/** The value a process returned; any other exit is a broken bench. */
export function returned(reason: ExitReason): unknown {
  if (reason.kind !== "normal") throw new Error(`bench process ended with ${reason.kind}: ${JSON.stringify(reason)}`);
  return reason.value;
}

export function createWorld(host: Partial<HostConfig> = {}): World {
  const samples: number[] = [];
  const idleWaiters: (() => void)[] = [];
  const exitWaiters = new Map<Pid, (reason: ExitReason) => void>();

  const now: LuaFunction = (L) => returnValue(L, performance.now());
  const record: LuaFunction = (L) => {
    samples.push(lua.lua_tonumber(L, 1));
    return 0;
  };
  const benchModule = defineModule({ name: "bench", global: true, functions: { now, record } });

  // After each slice, wake whoever waits for the kernel to go idle.
  const pump = new Pump((run) =>
    setImmediate(() => {
      run();
      if (!kernel.hasWork()) for (const wake of idleWaiters.splice(0)) wake();
    }),
  );
  const kernel: Kernel = new Kernel({
    clock: new RealClock(),
    onWork: pump.onWork,
    observer: {
      exited: (pid, _id, reason) => {
        const waiter = exitWaiters.get(pid);
        if (waiter === undefined) return;
        exitWaiters.delete(pid);
        waiter(reason);
      },
    },
  });
  pump.attach(kernel);
  unwrap(kernel.hosts.add(HOST, host));

  const registry = new Map<string, Entry>(
    Object.entries(ENTRIES).map(([id, source]) => [id, { id, kind: "process.lua", meta: {}, data: { source, method: "main" } }]),
  );
  const runtime = new LuaRuntime({ kernel, resolveEntry: (id) => registry.get(id), modules: [benchModule] });

  return {
    kernel,
    runtime,
    samples,
    spawn: (id, args = []) => unwrap(runtime.spawn(id, HOST, args)),
    idle: () => (kernel.hasWork() ? new Promise<void>((resolve) => idleWaiters.push(resolve)) : Promise.resolve()),
    exited: (pid) => new Promise<ExitReason>((resolve) => exitWaiters.set(pid, resolve)),
    close: () => void kernel.hosts.remove(HOST),
  };
}
