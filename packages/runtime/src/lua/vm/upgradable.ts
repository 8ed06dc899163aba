/**
 * Upgradable processes — the live Lua processes of a runtime that called
 * `process.set_options({upgradable = true})` (LUA_API.md §7 "Hot change"), by pid.
 *
 * A process enters when it sets the option, leaves when it clears it or exits; an upgrade
 * keeps it in (the option belongs to the process, not to its code). The hot-change side
 * (`lua/upgrade.ts`) reads this to deliver OUTDATED events.
 *
 * In: processes. Out: the runtime's upgradable processes.
 */
import type { Pid } from "../../kernel";
import type { LuaRuntime } from "../runtime";
import type { LuaProcess } from "./lua-process";

const byRuntime = new WeakMap<LuaRuntime, Map<Pid, LuaProcess>>();

export function upgradableProcesses(runtime: LuaRuntime): ReadonlyMap<Pid, LuaProcess> {
  return byRuntime.get(runtime) ?? EMPTY;
}

export function setUpgradable(proc: LuaProcess, upgradable: boolean): void {
  const runtime = proc.vm.runtime;
  let live = byRuntime.get(runtime);
  if (!upgradable) {
    live?.delete(proc.pid);
    return;
  }
  if (live === undefined) byRuntime.set(runtime, (live = new Map()));
  live.set(proc.pid, proc);
}

export function isUpgradable(proc: LuaProcess): boolean {
  return byRuntime.get(proc.vm.runtime)?.get(proc.pid) === proc;
}

const EMPTY: ReadonlyMap<Pid, LuaProcess> = new Map();
