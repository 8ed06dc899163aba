/**
 * LuaVM — one fengari Lua state per kernel host (DESIGN.md: a state per host, a coroutine +
 * private environment per process).
 *
 * Holds what processes on the host share: the sandbox (base functions, libraries and their
 * view metatables), the module definitions available here (the runtime's, plus `io` on a
 * terminal host), and the compiled chunks of entries. `behaviour(entry, setup)` is the
 * factory the kernel calls to start a process of that entry on this host.
 *
 * In: module definitions, entries. Out: compiled entries, `BehaviourFactory`s.
 */
import type { Entry } from "@wippy/shared";
import type { BehaviourFactory, Result } from "../../kernel";
import type { ModuleDefinition } from "../modules/define-module";
import { ChunkCache, compileEntry, type CompiledEntry } from "./chunks";
import { nativeError } from "./crash";
import { lauxlib, lua, type LuaState } from "./fengari";
import type { Library } from "./library-views";
import { LuaProcess, type ProcessSetup } from "./lua-process";
import { instrument } from "./preemption";
import type { LuaRuntime } from "../runtime";
import { buildSandbox, type Sandbox } from "./sandbox";

export class LuaVM {
  readonly L: LuaState;
  readonly sandbox: Sandbox;
  readonly chunks: ChunkCache;
  readonly modules: ReadonlyMap<string, ModuleDefinition>;

  constructor(
    readonly runtime: LuaRuntime,
    readonly host: string,
    modules: readonly ModuleDefinition[],
  ) {
    this.L = lauxlib.luaL_newstate();
    lua.lua_atnativeerror(this.L, nativeError);
    this.modules = new Map(modules.map((m) => [m.name, m]));
    this.sandbox = buildSandbox(this.L, modules);
    this.chunks = new ChunkCache(this.L);
  }

  get stringLibrary(): Library {
    return this.sandbox.stringLibrary;
  }

  library(name: string): Library {
    const library = this.sandbox.libraries.get(name);
    if (library === undefined) throw new Error(`no library ${name} in the Lua VM of host ${this.host}`);
    return library;
  }

  instrument(L: LuaState): void {
    instrument(L);
  }

  compile(entry: Entry): Result<CompiledEntry> {
    return compileEntry(this.chunks, entry);
  }

  behaviour(entry: CompiledEntry, setup: ProcessSetup = {}): BehaviourFactory {
    return (ctx, args) => new LuaProcess(this, ctx, entry, args, setup);
  }
}
