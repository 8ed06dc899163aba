/**
 * The process whose Lua code is running right now.
 *
 * JS runs one thing at a time and the kernel runs one process turn at a time, so "the current
 * process" is a single slot: set by a process's `resume` for the length of its turn. Module
 * functions, the preemption hook and the sandbox's metamethods find their process here
 * instead of each closing over it — which is what lets every VM share one set of JS functions.
 *
 * In: a process entering/leaving its turn. Out: the running process (throws outside a turn —
 * a bug, since no Lua code runs outside one).
 */
import type { LuaProcess } from "./lua-process";

let running: LuaProcess | null = null;

export function currentProcess(): LuaProcess {
  if (running === null) throw new Error("no Lua process is running: Lua code ran outside a process turn");
  return running;
}

export function maybeCurrentProcess(): LuaProcess | null {
  return running;
}

/** Makes `proc` current; returns what was current before (restore it with `leaveProcess`). */
export function enterProcess(proc: LuaProcess): LuaProcess | null {
  const previous = running;
  running = proc;
  return previous;
}

export function leaveProcess(previous: LuaProcess | null): void {
  running = previous;
}
