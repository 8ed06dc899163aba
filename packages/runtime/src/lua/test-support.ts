/**
 * Test support for the Lua layer (used by `*.test.ts` under `lua/` only): a kernel on a
 * simulated clock with one host, an in-memory registry of entries, a `LuaRuntime`, an exit
 * recorder and a log recorder.
 *
 *   const t = luaTest({ "app:main": process(`return { main = function() return 1 end }`) });
 *   const pid = t.spawn("app:main");
 *   t.settle();
 *   expect(t.exit(pid)).toEqual({ kind: "normal", value: 1 });
 */
import type { Entry } from "@wippy/shared";
import { Kernel, settle, SimulatedClock, type ExitReason, type HostConfig, type Pid, type Result } from "../kernel";
import type { ModuleDefinition } from "./modules/define-module";
import type { TerminalIo } from "./modules/io";
import { PolicyIndex } from "../security";
import { LuaRuntime, type LuaLogger, type LuaSpawnOptions } from "./runtime";

export const HOST = "app:processes";
export const EPOCH = 1_700_000_000_000;

export interface LogLine {
  readonly level: string;
  readonly fields: Record<string, unknown>;
  readonly message: string | undefined;
}

export function entry(id: string, kind: string, source: string, data: Record<string, unknown> = {}): Entry {
  return { id, kind, meta: {}, data: { source, method: "main", ...data } as Entry["data"] };
}

/** A `process.lua` entry whose method is `main` (unless `data.method` says otherwise). */
export const processEntry = (source: string, data: Record<string, unknown> = {}) => ({ kind: "process.lua", source, data });

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

export interface LuaTestOptions {
  readonly host?: Partial<HostConfig>;
  readonly modules?: readonly ModuleDefinition[];
  readonly terminal?: TerminalIo;
  readonly clock?: SimulatedClock;
  /** Default: the security policies among the test's entries, read again at every check. */
  readonly policies?: () => PolicyIndex;
}

export function luaTest(entries: Record<string, { kind: string; source: string; data?: Record<string, unknown> }>, options: LuaTestOptions = {}) {
  const clock = options.clock ?? new SimulatedClock(EPOCH);
  const exits = new Map<Pid, ExitReason>();
  const logs: LogLine[] = [];
  const kernel = new Kernel({ clock, observer: { exited: (pid, _id, reason) => void exits.set(pid, reason) } });
  unwrap(kernel.hosts.add(HOST, options.host ?? {}));
  const registry = new Map<string, Entry>();
  for (const [id, e] of Object.entries(entries)) registry.set(id, entry(id, e.kind, e.source, e.data));
  const record =
    (level: string) =>
    (fields: object, message?: string): void =>
      void logs.push({ level, fields: fields as Record<string, unknown>, message });
  const logger: LuaLogger = { debug: record("debug"), info: record("info"), warn: record("warn"), error: record("error") };
  const runtime = new LuaRuntime({
    kernel,
    resolveEntry: (id) => registry.get(id),
    logger,
    modules: options.modules,
    terminal: options.terminal === undefined ? undefined : () => options.terminal,
    policies: options.policies ?? (() => PolicyIndex.fromEntries(registry.values())),
  });
  return {
    clock,
    kernel,
    runtime,
    registry,
    exits,
    logs,
    spawn: (id: string, args: unknown[] = [], spawnOptions: LuaSpawnOptions = {}): Pid => unwrap(runtime.spawn(id, HOST, args, spawnOptions)),
    settle: (ms = 0): void => settle(kernel, clock, ms),
    exit: (pid: Pid): ExitReason | undefined => exits.get(pid),
    alive: (pid: Pid): boolean => kernel.info(pid).ok,
  };
}

/** Runs `source` (a `main` function) as a process to completion and returns its exit. */
export function runLua(source: string, args: unknown[] = [], options: LuaTestOptions & { modules_list?: string[]; ms?: number } = {}): ExitReason {
  const t = luaTest({ "app:main": processEntry(source, { modules: options.modules_list ?? ["time", "json", "uuid", "logger", "ctx"] }) }, options);
  const pid = t.spawn("app:main", args);
  t.settle(options.ms ?? 0);
  const reason = t.exit(pid);
  if (reason === undefined) throw new Error("the process did not exit");
  return reason;
}
