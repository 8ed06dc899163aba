/**
 * ProcessContextImpl — the `ProcessContext` of one process: the kernel's API bound to "self".
 *
 * One object per started process (built on its first turn, never for a process that dies
 * before running). Every call acts as this process: messages are `from` its pid, links and
 * monitors start from it, `register(name)` without a dest names it.
 *
 * In: calls from the body (Lua modules, the generator behaviour). Out: kernel results.
 */

import { WOKEN, type ProcessContext, type ProcessOptions, type SpawnSpec } from "./behaviour";
import type { Channel } from "./channel";
import type { Clock } from "./clock";
import type { Result } from "./errors";
import type { ExitEvent, ProcessEvent } from "./events";
import type { Kernel } from "./kernel";
import type { Listener, ListenOptions } from "./mailbox";
import type { Message } from "./message";
import type { Pid } from "./pid";
import { mailboxOf, type ProcessRecord } from "./process";

export class ProcessContextImpl implements ProcessContext {
  constructor(
    private readonly kernel: Kernel,
    private readonly proc: ProcessRecord,
  ) {}

  get pid(): Pid {
    return this.proc.pid;
  }

  get id(): string {
    return this.proc.id;
  }

  get host(): string {
    return this.proc.host.id;
  }

  get clock(): Clock {
    return this.kernel.clock;
  }

  charge(units: number): void {
    this.proc.budgetLeft -= units;
  }

  shouldYield(): boolean {
    const p = this.proc;
    return p.budgetLeft <= 0 || p.yieldRequested || p.pendingExit !== null || p.state === "exited";
  }

  isAlive(): boolean {
    return this.proc.state !== "exited" && this.proc.pendingExit === null;
  }

  wake(): void {
    const p = this.proc;
    if (p.state !== "waiting") return;
    p.waiter?.cancel();
    p.waiter = null;
    p.wake = WOKEN;
    p.host.makeReady(p);
  }

  send(dest: string, topic: string, payloads: readonly unknown[] = []): Result<true> {
    return this.kernel.send(dest, topic, payloads, this.proc);
  }

  inbox(): Channel<Message> {
    return mailboxOf(this.proc).inbox();
  }

  events(): Channel<ProcessEvent> {
    return mailboxOf(this.proc).events();
  }

  listen(topic: string, options?: ListenOptions): Result<Listener> {
    return mailboxOf(this.proc).listen(topic, options);
  }

  unlisten(channel: Channel<Message>): boolean {
    return mailboxOf(this.proc).unlisten(channel);
  }

  spawn(spec: SpawnSpec): Result<Pid> {
    return this.kernel.spawn(spec, this.proc);
  }

  link(dest: string): Result<true> {
    return this.kernel.link(this.proc, dest);
  }

  unlink(dest: string): Result<true> {
    return this.kernel.unlink(this.proc, dest);
  }

  monitor(dest: string): Result<true> {
    return this.kernel.monitor(this.proc, dest);
  }

  unmonitor(dest: string): Result<true> {
    return this.kernel.unmonitor(this.proc, dest);
  }

  cancel(dest: string, reason?: string): Result<true> {
    return this.kernel.cancel(dest, reason, this.proc);
  }

  terminate(dest: string): Result<true> {
    return this.kernel.terminate(dest, this.proc);
  }

  awaitExit(dest: string): Result<Channel<ExitEvent>> {
    return this.kernel.awaitExit(dest);
  }

  options(): ProcessOptions {
    return { trapLinks: this.proc.trapLinks };
  }

  setOptions(options: Partial<ProcessOptions>): void {
    if (options.trapLinks !== undefined) this.proc.trapLinks = options.trapLinks;
  }

  register(name: string, dest: string = this.proc.pid): Result<true> {
    return this.kernel.register(name, dest);
  }

  lookup(name: string): Result<Pid> {
    return this.kernel.lookup(name);
  }

  unregister(name: string): boolean {
    return this.kernel.unregister(name);
  }
}
