/**
 * Kernel — the actor runtime's core: hosts, the process table, names, message delivery,
 * links/monitors and the scheduler, with time from an injected `Clock`. It knows nothing of
 * Lua: a process body is a `Behaviour` (see `behaviour.ts`).
 *
 * Terms:
 * - `dest`: a pid (`{host|0x…}`) or a registered name. A pid of a dead process →
 *   `NotFound` "process … not found"; an unknown name → `NotFound`.
 * - `from`: the acting process, or `null` for the system (messages then come from `""`).
 * - `hosts`: the `HostTable` (add / configure live / remove / info).
 * - Every expected failure is a returned `Result`; nothing here throws on bad input.
 *
 * In: spawn specs, messages, signals, names. Out: pids, `Result`s, events on channels.
 */

import type { BehaviourFactory, SpawnSpec } from "./behaviour";
import { Channel } from "./channel";
import type { Clock } from "./clock";
import { ProcessContextImpl } from "./context";
import { invalid, notFound, ok, type Result } from "./errors";
import { cancelEvent, type ExitEvent } from "./events";
import { exitProcess, type ExitEnv, type KernelObserver } from "./exits";
import type { Host } from "./host";
import { HostTable } from "./host-table";
import * as relations from "./links";
import { checkTopic, type Message } from "./message";
import { NameRegistry } from "./names";
import { formatPid, isPid, SYSTEM_PID, type Pid } from "./pid";
import { mailboxOf, ProcessRecord } from "./process";
import { describeProcess, type ProcessInfo } from "./process-info";
import { Scheduler } from "./scheduler";

/** Sees a message as it is delivered (before the receiver can take it), with the time. */
export type MessageTap = (message: Message, at: number) => void;

export interface KernelOptions {
  readonly clock: Clock;
  /** Called when the kernel goes from idle to having ready processes (see `pump.ts`). */
  readonly onWork?: () => void;
  readonly observer?: KernelObserver;
}

export class Kernel {
  readonly clock: Clock;
  private readonly table = new Map<Pid, ProcessRecord>();
  readonly hosts: HostTable;
  private readonly names = new NameRegistry();
  private readonly scheduler: Scheduler;
  private readonly exitEnv: ExitEnv;
  private serial = 0;
  /** Message taps (`tapMessages`); null while nothing is tapped, so `send` pays nothing. */
  private taps: Map<ProcessRecord, MessageTap> | null = null;

  constructor(private readonly options: KernelOptions) {
    this.clock = options.clock;
    this.exitEnv = { clock: this.clock, names: this.names, table: this.table, observer: options.observer };
    this.scheduler = new Scheduler({
      start: (proc) => this.startBody(proc),
      exit: (proc, reason) => exitProcess(this.exitEnv, proc, reason),
      onWork: options.onWork,
    });
    this.hosts = new HostTable(this.scheduler, (host) => this.shutdownHost(host));
  }

  // ── processes ────────────────────────────────────────────────────────────────────────

  spawn(spec: SpawnSpec, parent: ProcessRecord | null = null): Result<Pid> {
    const host = this.hosts.get(spec.host);
    if (host === undefined) return notFound(`host ${spec.host} not found`);
    if (parent === null && (spec.link === true || spec.monitor === true)) {
      return invalid("spawn with link or monitor needs a spawning process");
    }
    if (spec.name !== undefined) {
      const free = this.names.check(spec.name);
      if (!free.ok) return free;
    }
    const pid = formatPid(host.id, ++this.serial);
    const proc = new ProcessRecord(pid, spec.id ?? "", host, this.clock.now(), spec.behaviour, spec.args ?? []);
    if (spec.name !== undefined) this.names.register(spec.name, proc);
    proc.trapLinks = spec.trapLinks === true;
    this.table.set(pid, proc);
    host.live++;
    if (parent !== null) {
      if (spec.link === true) relations.link(parent, proc);
      if (spec.monitor === true) relations.monitor(parent, proc);
    }
    this.options.observer?.spawned?.(pid, proc.id, host.id);
    host.makeReady(proc);
    if (parent !== null && host.congested) parent.yieldRequested = true;
    return ok(pid);
  }

  send(dest: string, topic: string, payloads: readonly unknown[] = [], from: ProcessRecord | null = null): Result<true> {
    const checked = checkTopic(topic);
    if (!checked.ok) return checked;
    const target = this.resolve(dest);
    if (!target.ok) return target;
    const message = { topic, from: from?.pid ?? SYSTEM_PID, payloads };
    this.taps?.get(target.value)?.(message, this.clock.now());
    mailboxOf(target.value).deliver(message);
    return ok(true);
  }

  /**
   * Shows `tap` every message sent to `dest` from now on (the control plane's process page),
   * until the returned function is called. One tap per process: a second replaces the first.
   * Costs one map lookup per send only while some process is tapped.
   */
  tapMessages(dest: string, tap: MessageTap): Result<() => void> {
    const target = this.resolve(dest);
    if (!target.ok) return target;
    const taps = (this.taps ??= new Map());
    taps.set(target.value, tap);
    return ok(() => {
      if (taps.get(target.value) !== tap) return;
      taps.delete(target.value);
      if (taps.size === 0 && this.taps === taps) this.taps = null;
    });
  }

  /** Cooperative: delivers CANCEL; the target decides when to return. */
  cancel(dest: string, reason?: string, from: ProcessRecord | null = null): Result<true> {
    const target = this.resolve(dest);
    if (!target.ok) return target;
    mailboxOf(target.value).deliverEvent(cancelEvent(from?.pid ?? SYSTEM_PID, reason, this.clock.now()));
    return ok(true);
  }

  /** Kills at once (at the end of the current turn if the target is the one running). */
  terminate(dest: string, from: ProcessRecord | null = null): Result<true> {
    const target = this.resolve(dest);
    if (!target.ok) return target;
    exitProcess(this.exitEnv, target.value, { kind: "terminated", by: from?.pid ?? SYSTEM_PID });
    return ok(true);
  }

  link(self: ProcessRecord, dest: string): Result<true> {
    const target = this.resolve(dest);
    return target.ok ? relations.link(self, target.value) : target;
  }

  unlink(self: ProcessRecord, dest: string): Result<true> {
    const target = this.resolve(dest);
    return target.ok ? relations.unlink(self, target.value) : target;
  }

  monitor(self: ProcessRecord, dest: string): Result<true> {
    const target = this.resolve(dest);
    return target.ok ? relations.monitor(self, target.value) : target;
  }

  unmonitor(self: ProcessRecord, dest: string): Result<true> {
    const target = this.resolve(dest);
    return target.ok ? relations.unmonitor(self, target.value) : target;
  }

  awaitExit(dest: string): Result<Channel<ExitEvent>> {
    const target = this.resolve(dest);
    if (!target.ok) return target;
    const channel = new Channel<ExitEvent>(1);
    (target.value.exitWatchers ??= []).push(channel);
    return ok(channel);
  }

  // ── names ────────────────────────────────────────────────────────────────────────────

  register(name: string, dest: string): Result<true> {
    const target = this.resolve(dest);
    return target.ok ? this.names.register(name, target.value) : target;
  }

  lookup(name: string): Result<Pid> {
    const holder = this.names.lookup(name);
    return holder === undefined ? notFound(`name "${name}" not found`) : ok(holder.pid);
  }

  unregister(name: string): boolean {
    return this.names.unregister(name);
  }

  // ── inspection and scheduling ────────────────────────────────────────────────────────

  info(dest: string): Result<ProcessInfo> {
    const target = this.resolve(dest);
    if (!target.ok) return target;
    return ok(describeProcess(target.value));
  }

  /** A snapshot of every live process (for `wippy ps`, the inspector, telemetry). */
  processes(): ProcessInfo[] {
    return [...this.table.values()].map(describeProcess);
  }

  get processCount(): number {
    return this.table.size;
  }

  /** The pid of the process inside `resume` right now, if any. */
  get running(): Pid | undefined {
    return this.scheduler.running?.pid;
  }

  hasWork(): boolean {
    return this.scheduler.hasWork();
  }

  runSlice(maxTurns?: number): number {
    return this.scheduler.runSlice(maxTurns);
  }

  runUntilIdle(limit?: number): number {
    return this.scheduler.runUntilIdle(limit);
  }

  private shutdownHost(host: Host): void {
    for (const proc of [...this.table.values()]) {
      if (proc.host === host) exitProcess(this.exitEnv, proc, { kind: "shutdown", host: host.id });
    }
  }

  private resolve(dest: string): Result<ProcessRecord> {
    if (isPid(dest)) {
      const proc = this.table.get(dest);
      return proc === undefined ? notFound(`process ${dest} not found`) : ok(proc);
    }
    if (dest.length === 0) return invalid("destination must be a pid or a registered name");
    const holder = this.names.lookup(dest);
    return holder === undefined ? notFound(`no process registered as "${dest}": name not found`) : ok(holder);
  }

  private startBody(proc: ProcessRecord): ReturnType<BehaviourFactory> {
    const factory = proc.factory;
    if (factory === null) throw new Error(`process ${proc.pid} has no body to start`);
    const context = (proc.context ??= new ProcessContextImpl(this, proc));
    const body = factory(context, proc.args ?? []);
    proc.factory = null;
    proc.args = null;
    return body;
  }
}
