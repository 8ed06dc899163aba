/**
 * LuaRuntime — Lua processes for one kernel: a `LuaVM` per host (created on first spawn
 * there), the modules every process may use, and how an entry id becomes a running process.
 *
 *   const runtime = new LuaRuntime({ kernel, resolveEntry: (id) => registry.get(id), logger });
 *   runtime.spawn("app:worker", "app:processes", [arg1]);           // as the system
 *   kernel.spawn(unwrap(runtime.spawnSpec("app:svc", "app:processes", [], { link: … })));
 *
 * Terms:
 * - `resolveEntry`: id → `Entry` (the node's registry view). Spawnable kinds: `process.lua`
 *   and `function.lua`; libraries come in through `imports`.
 * - Unknown entry → `NotFound`; another kind → `Invalid`; unknown host → `NotFound`; a source
 *   that does not compile → `Invalid` with the compiler's message (entry id and line).
 * - `terminal(host)`: stdin/stdout for a terminal host — its processes get the `io` global.
 * - `logger`: pino-compatible; crashes are logged once, at error level, with pid, entry id,
 *   line and Lua traceback; `print` and the `logger` module write here too.
 * - `modules`: added to the built-in ones; a module with a built-in's name replaces it.
 * - `policies`: the security policies in force now (the node's, per registry version); a
 *   process spawned with `security` in its options runs with that actor and scope, and the
 *   modules check what it does against them (`modules/security/authorize.ts`). Default: no
 *   policies, permissive strict mode.
 * - Constructing a runtime turns V8's baseline compiler off for the process (see
 *   `vm/v8-tuning.ts`; `tuneV8: false` to opt out).
 *
 * In: entry ids, hosts, plain-data args, spawn options. Out: `SpawnSpec`s and pids.
 */
import type { Entry } from "@wippy/shared";
import { fail, ok, wippyError, type Kernel, type Pid, type Result, type SpawnSpec, type WippyError } from "../kernel";
import { PolicyIndex } from "../security";
import { BUILTIN_MODULES } from "./modules";
import type { ModuleDefinition } from "./modules/define-module";
import { ioModule, type TerminalIo } from "./modules/io";
import { absoluteId } from "./vm/chunks";
import type { LuaProcess, ProcessSetup } from "./vm/lua-process";
import { LuaVM } from "./vm/lua-vm";
import { tuneV8ForLua } from "./vm/v8-tuning";
import { DEFAULT_COPY_LIMITS, type CopyLimits } from "./vm/values";

export type EntryResolver = (id: string) => Entry | undefined;

/** The subset of pino's logger the Lua layer uses. */
export interface LuaLogger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

const ignore = (): void => undefined;
export const SILENT_LOGGER: LuaLogger = Object.freeze({ debug: ignore, info: ignore, warn: ignore, error: ignore });

export const SPAWNABLE_KINDS: ReadonlySet<string> = new Set(["process.lua", "function.lua"]);

export interface LuaRuntimeOptions {
  readonly kernel: Kernel;
  readonly resolveEntry: EntryResolver;
  readonly logger?: LuaLogger;
  /** Modules beyond the built-in ones (`funcs`, `registry`, `events`, …). */
  readonly modules?: readonly ModuleDefinition[];
  readonly terminal?: (host: string) => TerminalIo | undefined;
  readonly copyLimits?: CopyLimits;
  /**
   * The registry version code comes from when a process starts or upgrades (the node's view
   * version), reported per process to the control plane. Default: always 0.
   */
  readonly codeVersion?: () => number;
  /** Process-wide V8 tuning that makes blocking Lua calls ~4x cheaper (`vm/v8-tuning.ts`); default true. */
  readonly tuneV8?: boolean;
  /** The policy index in force (read at every check, so it may change between calls). */
  readonly policies?: () => PolicyIndex;
}

export interface LuaSpawnOptions extends ProcessSetup {
  readonly name?: string;
  readonly link?: boolean;
  readonly monitor?: boolean;
  readonly trapLinks?: boolean;
  /** Namespace in which an id without one is resolved (the spawner's). */
  readonly namespace?: string;
}

const NO_SETUP: ProcessSetup = Object.freeze({});

/** What the child keeps: one shared empty setup for the common case (a few bytes per process). */
function setupOf(options: LuaSpawnOptions): ProcessSetup {
  const { context, options: opts, security } = options;
  if (context === undefined && opts === undefined && security === undefined) return NO_SETUP;
  return { context, options: opts, security };
}

export class LuaRuntime {
  readonly kernel: Kernel;
  readonly logger: LuaLogger;
  readonly copyLimits: CopyLimits;
  readonly resolveEntry: EntryResolver;
  private readonly modules: readonly ModuleDefinition[];
  private readonly vms = new Map<string, LuaVM>();
  readonly codeVersion: () => number;
  readonly policies: () => PolicyIndex;

  constructor(private readonly options: LuaRuntimeOptions) {
    this.kernel = options.kernel;
    this.resolveEntry = options.resolveEntry;
    this.logger = options.logger ?? SILENT_LOGGER;
    this.copyLimits = options.copyLimits ?? DEFAULT_COPY_LIMITS;
    this.codeVersion = options.codeVersion ?? (() => 0);
    this.policies = options.policies ?? (() => PolicyIndex.EMPTY);
    this.modules = [...BUILTIN_MODULES, ...(options.modules ?? [])];
    if (options.tuneV8 !== false) tuneV8ForLua();
  }

  /** The Lua VM of `host` (a kernel host), created on first use. */
  vm(host: string): Result<LuaVM> {
    let vm = this.vms.get(host);
    if (vm === undefined) {
      if (!this.kernel.hosts.info(host).ok) return fail(wippyError("NotFound", `host ${host} not found`));
      const terminal = this.options.terminal?.(host);
      vm = new LuaVM(this, host, terminal === undefined ? this.modules : [...this.modules, ioModule(terminal)]);
      this.vms.set(host, vm);
    }
    return ok(vm);
  }

  spawnSpec(id: string, host: string, args: readonly unknown[] = [], options: LuaSpawnOptions = {}): Result<SpawnSpec> {
    const entryId = absoluteId(id, options.namespace ?? "");
    const entry = this.resolveEntry(entryId);
    if (entry === undefined) return fail(wippyError("NotFound", `entry ${entryId} not found`, { details: { id: entryId } }));
    if (!SPAWNABLE_KINDS.has(entry.kind)) return fail(wippyError("Invalid", `entry ${entryId} is a ${entry.kind}; only process.lua and function.lua entries can be spawned`));
    const vm = this.vm(host);
    if (!vm.ok) return vm;
    const compiled = vm.value.compile(entry);
    if (!compiled.ok) return compiled;
    return ok({
      host,
      behaviour: vm.value.behaviour(compiled.value, setupOf(options)),
      args,
      id: entry.id,
      name: options.name,
      link: options.link,
      monitor: options.monitor,
      trapLinks: options.trapLinks,
    });
  }

  /** Spawns as the system (no parent process). */
  spawn(id: string, host: string, args: readonly unknown[] = [], options: LuaSpawnOptions = {}): Result<Pid> {
    const spec = this.spawnSpec(id, host, args, options);
    return spec.ok ? this.kernel.spawn(spec.value) : spec;
  }

  logCrash(proc: LuaProcess, error: WippyError): void {
    const { kind, message } = error;
    const extra = error as { stack?: string; line?: number };
    this.logger.error({ pid: proc.pid, entry: proc.entry.id, version: proc.version, host: proc.vm.host, err: { kind, message, line: extra.line, stack: extra.stack } }, `process ${proc.pid} (${proc.entry.id}) crashed: ${message}`);
  }
}
