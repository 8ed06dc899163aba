/**
 * LuaProcess — the kernel `Behaviour` of a Lua process: one main thread + a private
 * environment on its host's Lua state, plus any `coroutine.spawn` threads (LUA_API.md §2–§3).
 *
 * Each `resume` runs ready root threads until one must stop:
 * - it yields with PREEMPT (count hook, or a call that gives up the turn) → `yield` step; on
 *   `continue` it is resumed first;
 * - it yields with a `BlockRequest` → with the main thread alone, a kernel `block` step (the
 *   kernel owns the select); with several roots, a select waiter of its own, and the process
 *   `wait`s once no root is ready (`ctx.wake()` brings it back);
 * - the main thread returns → `exit`: `v` → normal `{value = v}` (deep-copied; a value that
 *   cannot be copied is a crash), `nil, err` (or `v, <error object>`) → error exit; other
 *   roots just end;
 * - any root raises → `crash` exit with entry id, line and Lua traceback;
 * - any root yields with an `UpgradeRequest` (`process.upgrade`) → the code is replaced, and
 *   the turn goes on with the new main thread (see "Upgrade" below).
 * `dispose` (every exit, whatever its reason) cancels waiters, drops the threads — ending the
 * other coroutines — runs exit hooks (timers) and logs a crash once.
 *
 * Upgrade (LUA_API.md §7): the process keeps what the kernel holds for it — pid, mailbox
 * (unread messages, listeners), names, links, monitors, options — and its context; what
 * belongs to the old *code* ends as at an exit: every root thread is dropped where it stands
 * (the old call stack is abandoned, `coroutine.spawn` threads never run again), exit hooks run
 * (timers, calls in flight, subscriptions of the old code), and the environment, library
 * views and required modules start afresh. Then `entry` is the new code, whose method runs on
 * a new main thread with the state passed to `process.upgrade`. The kernel's record of the
 * process keeps the entry id it was spawned with; `process.id()` reports the new one.
 *
 * Per-process state is created lazily (library views, required modules, module locals), so
 * an idle process costs its thread, its environment and a few small objects.
 */
import {
  select,
  SelectWaiter,
  WAIT,
  YIELD,
  type Behaviour,
  type BehaviourInfo,
  type BodyExit,
  type ExitReason,
  type ProcessContext,
  type Step,
  type Wake,
} from "../../kernel";
import { PREEMPT, takePending, UpgradeRequest, type BlockRequest } from "./blocking";
import type { ModuleScope, CompiledEntry } from "./chunks";
import { markRoot } from "./coroutines";
import { crashError, errorAt } from "./crash";
import { enterProcess, leaveProcess } from "./current";
import { errorValue, ErrorValue } from "./error-value";
import { lua, type LuaState } from "./fengari";
import { newView } from "./library-views";
import type { LuaVM } from "./lua-vm";
import { popRef, pushRef, type LuaRef } from "./refs";
import { requireModule } from "./require";
import { RootThread, type RootScheduler } from "./root-thread";
import { newEnv } from "./sandbox";
import { pushString } from "./strings";
import { estimateMemory } from "./memory-estimate";
import { setUpgradable } from "./upgradable";
import { copyOut, pushValue } from "./values";
import type { SecurityContext } from "../../security";

/** What a spawner passes to the child beyond its arguments (`process.with_context`, …). */
export interface ProcessSetup {
  readonly context?: Readonly<Record<string, unknown>>;
  readonly options?: Readonly<Record<string, unknown>>;
  /** The actor and scope it runs with (`lua/modules/security`); none for most processes. */
  readonly security?: SecurityContext;
}

export class LuaProcess implements Behaviour, RootScheduler {
  private envRef: LuaRef | null = null;
  private main: RootThread | null = null;
  private readonly ready: RootThread[] = [];
  private others: Set<RootThread> | null = null;
  private kernelBlocked: RootThread | null = null;
  private views: Map<string, LuaRef> | null = null;
  private loaded: Map<string, LuaRef | null> | null = null;
  private locals: Map<object, unknown> | null = null;
  private exitHooks: (() => void)[] | null = null;
  private stringMeta: LuaRef | null = null;
  /** The registry version the running code came from (see `LuaRuntimeOptions.codeVersion`). */
  private codeVersion: number;

  constructor(
    readonly vm: LuaVM,
    readonly ctx: ProcessContext,
    private code: CompiledEntry,
    private args: readonly unknown[] | null,
    readonly setup: ProcessSetup,
  ) {
    this.codeVersion = vm.runtime.codeVersion();
  }

  /** The registry version its code came from. */
  get version(): number {
    return this.codeVersion;
  }

  describe(): BehaviourInfo {
    const roots = [...(this.main ? [this.main] : []), ...(this.others ?? [])];
    return {
      waiting: roots.flatMap((root) => root.waiter?.labels() ?? []),
      memory: estimateMemory(roots.map((root) => root.L), this.views?.size ?? 0, this.loaded?.size ?? 0),
      version: this.codeVersion,
      entry: this.code.id,
    };
  }

  get pid(): string {
    return this.ctx.pid;
  }

  /** The entry whose code runs now (another one after an upgrade). */
  get entry(): CompiledEntry {
    return this.code;
  }

  get env(): LuaRef {
    if (this.envRef === null) throw new Error(`process ${this.ctx.pid} has no environment before it starts`);
    return this.envRef;
  }

  resume(wake: Wake): Step {
    const previous = enterProcess(this);
    try {
      switch (wake.kind) {
        case "start": {
          const args = this.args ?? [];
          this.args = null;
          this.startMain(args);
          break;
        }
        case "selected": {
          const root = this.kernelBlocked;
          this.kernelBlocked = null;
          if (root?.request != null) {
            root.request.outcome = wake.outcome;
            this.ready.push(root);
          }
          break;
        }
        case "woken":
          if (this.kernelBlocked?.request != null) return { kind: "block", cases: this.kernelBlocked.request.cases };
          break;
        case "continue":
          break;
      }
      return this.run();
    } finally {
      leaveProcess(previous);
    }
  }

  private startMain(args: readonly unknown[]): void {
    const { vm, entry } = this;
    const T = lua.lua_newthread(vm.L);
    lua.lua_pop(vm.L, 1);
    vm.instrument(T);
    markRoot(T);
    this.envRef = newEnv(vm.L, vm.sandbox);
    lua.lua_checkstack(T, args.length + 8);
    pushRef(T, vm.sandbox.helpers.bootstrap);
    pushRef(T, entry.chunk);
    pushRef(T, this.envRef);
    if (entry.method === undefined) lua.lua_pushnil(T);
    else pushString(T, entry.method);
    pushString(T, entry.id);
    for (const arg of args) pushValue(T, arg);
    const main = new RootThread(T, this);
    main.nargs = 4 + args.length;
    this.main = main;
    this.ready.push(main);
  }

  private run(): Step {
    for (;;) {
      const root = this.ready.shift();
      if (root === undefined) return WAIT;
      const nargs = root.nargs;
      root.nargs = 0;
      const status = lua.lua_resume(root.L, null, nargs);
      if (status === lua.LUA_YIELD) {
        const request = takePending();
        if (request === null || request === PREEMPT) {
          this.ready.unshift(root);
          return YIELD;
        }
        if (request instanceof UpgradeRequest) this.upgrade(request);
        else if (this.park(root, request)) return { kind: "block", cases: request.cases };
      } else if (status === lua.LUA_OK) {
        if (root === this.main) return { kind: "exit", reason: this.resultOf(root.L) };
        this.others?.delete(root);
      } else {
        return { kind: "exit", reason: { kind: "crash", error: crashError(root.L, this.entry.id) } };
      }
      if (this.ready.length > 0 && this.ctx.shouldYield()) return YIELD;
    }
  }

  /** Parks a blocked root on its own waiter; true when the kernel should do the select instead. */
  private park(root: RootThread, request: BlockRequest): boolean {
    root.request = request;
    if (root === this.main && (this.others === null || this.others.size === 0)) {
      this.kernelBlocked = root;
      return true;
    }
    const outcome = select(request.cases, root);
    if (outcome instanceof SelectWaiter) root.waiter = outcome;
    else {
      request.outcome = outcome;
      this.ready.push(root);
    }
    return false;
  }

  private resultOf(L: LuaState): BodyExit {
    const n = lua.lua_gettop(L);
    if (n >= 2 && isFailure(L)) return { kind: "error", error: errorAt(L, 2) };
    if (n === 0) return { kind: "normal", value: undefined };
    const copied = copyOut(L, 1, this.vm.runtime.copyLimits);
    if (copied.ok) return { kind: "normal", value: copied.value };
    const message = `${this.entry.id}: bad return value: ${copied.error.message}`;
    return { kind: "crash", error: errorValue("Invalid", message, { entry: this.entry.id }) };
  }

  readyFromWaiter(root: RootThread): void {
    this.ready.push(root);
    this.ctx.wake();
  }

  /** `coroutine.spawn`: a new root thread (already holding its function) in this process. */
  spawnRoot(L: LuaState): void {
    markRoot(L);
    const root = new RootThread(L, this);
    (this.others ??= new Set()).add(root);
    this.ready.push(root);
  }

  private upgrade(request: UpgradeRequest): void {
    const from = this.code.id;
    this.endCode();
    this.code = request.entry;
    this.codeVersion = this.vm.runtime.codeVersion();
    this.startMain(request.args);
    this.vm.runtime.logger.info({ pid: this.ctx.pid, entry: this.code.id, version: this.codeVersion, from }, `process ${this.ctx.pid} upgraded to the current code of ${this.code.id}`);
  }

  /** Ends what belongs to the running code: its threads, exit hooks and per-code state. */
  private endCode(): void {
    this.main?.cancel();
    for (const root of this.others ?? []) root.cancel();
    this.main = null;
    this.others = null;
    this.kernelBlocked = null;
    this.ready.length = 0;
    const hooks = this.exitHooks ?? [];
    this.exitHooks = null;
    for (const hook of hooks) hook();
    this.envRef = null;
    this.views = null;
    this.loaded = null;
    this.locals = null;
    this.stringMeta = null;
  }

  dispose(reason: ExitReason): void {
    this.endCode();
    setUpgradable(this, false);
    if (reason.kind === "crash") this.vm.runtime.logCrash(this, reason.error);
  }

  // ── services for the sandbox and modules ─────────────────────────────────────────────

  /** The view of a global library (created on first use, then cached in the environment). */
  globalLibrary(L: LuaState, name: string): LuaRef | undefined {
    const library = this.vm.sandbox.libraries.get(name);
    if (library === undefined || !library.global) return undefined;
    const view = this.viewOf(name);
    pushRef(L, this.env);
    pushString(L, name);
    pushRef(L, view);
    lua.lua_rawset(L, -3);
    lua.lua_pop(L, 1);
    return view;
  }

  /** This process's view of a module library, global or not (for `require`). */
  moduleView(name: string): LuaRef | undefined {
    return this.vm.sandbox.libraries.has(name) ? this.viewOf(name) : undefined;
  }

  /** The view of `name` if this process has made one. */
  libraryView(name: string): LuaRef | undefined {
    return this.views?.get(name);
  }

  private viewOf(name: string): LuaRef {
    const views = (this.views ??= new Map());
    let view = views.get(name);
    if (view === undefined) {
      view = newView(this.vm.L, this.vm.library(name));
      views.set(name, view);
    }
    return view;
  }

  /** What `getmetatable("")` gives this process: `{__index = <its string view>}`. */
  stringMetatable(L: LuaState): LuaRef {
    if (this.stringMeta === null) {
      lua.lua_createtable(L, 0, 1);
      pushRef(L, this.viewOf("string"));
      lua.lua_setfield(L, -2, "__index");
      this.stringMeta = popRef(L);
    }
    return this.stringMeta;
  }

  require(L: LuaState, scope: ModuleScope, name: string): number {
    return requireModule(this, L, scope, name);
  }

  loadedModules(): Map<string, LuaRef | null> {
    return (this.loaded ??= new Map());
  }

  print(text: string): void {
    this.vm.runtime.logger.info({ pid: this.ctx.pid, entry: this.entry.id, version: this.codeVersion }, text);
  }

  /** Per-process state of a module, keyed by an object the module owns; dropped when the code ends (exit or upgrade). */
  local<T>(key: object, create: () => T): T {
    const locals = (this.locals ??= new Map());
    if (!locals.has(key)) locals.set(key, create());
    return locals.get(key) as T;
  }

  /** Runs `hook` when the running code ends — the process exits or upgrades (e.g. to stop its timers). */
  onExit(hook: () => void): void {
    (this.exitHooks ??= []).push(hook);
  }

  /** The actor and scope this process runs with; kept across upgrades (it belongs to the process, not the code). */
  get security(): SecurityContext | undefined {
    return this.setup.security;
  }

  /** Values set by `process.with_context` for this process (`ctx.get`, `ctx.all`). */
  get context(): Readonly<Record<string, unknown>> {
    return this.setup.context ?? EMPTY_CONTEXT;
  }
}

/** `nil, err` (any err), or `v, <error object>`; `v, true` (e.g. `return ch:receive()`) is a value. */
function isFailure(L: LuaState): boolean {
  if (lua.lua_isnoneornil(L, 2)) return false;
  return lua.lua_isnoneornil(L, 1) || lua.lua_touserdata(L, 2) instanceof ErrorValue;
}

const EMPTY_CONTEXT: Readonly<Record<string, unknown>> = Object.freeze({});
