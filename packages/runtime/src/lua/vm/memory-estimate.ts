/**
 * A Lua process's memory, estimated for people watching it (the control plane's process
 * inspector): fengari keeps every value as a JS object on V8's heap, which has no per-object
 * accounting, so the figure is counted from what the process holds, with sizes measured once:
 *
 * - each thread: its stack array (fengari grows it on demand and keeps it: a pointer per slot)
 *   and the values in use below its top (a TValue object each);
 * - its environment, library views and required modules;
 * - a fixed part for the coroutine, the process object and its closures.
 *
 * `bench/actors` measures ~5.3 KB of heap per idle process (kernel record included); the
 * constants below give about that for a process that waits in `receive`.
 */
import type { LuaState } from "./fengari";

const PROCESS_BYTES = 2_600;
const SLOT_BYTES = 8;
const VALUE_BYTES = 40;
const VIEW_BYTES = 600;
const MODULE_BYTES = 400;

export function estimateMemory(threads: readonly LuaState[], views: number, modules: number): number {
  let bytes = PROCESS_BYTES + views * VIEW_BYTES + modules * MODULE_BYTES;
  for (const L of threads) {
    const { stack, top } = L as unknown as { stack?: unknown[] | null; top?: unknown };
    bytes += (stack?.length ?? 0) * SLOT_BYTES + (typeof top === "number" ? top : 0) * VALUE_BYTES;
  }
  return bytes;
}
