/**
 * WorkflowSandbox — where workflow code runs: a private kernel and `LuaRuntime` with the
 * workflow modules (`lua/modules/workflow`), driven by the engine rather than by a pump, so
 * that "run the code until it is quiet" is something the engine can wait for.
 *
 * Terms:
 * - One sandbox per worker (and one per dry replay); its kernel hosts are the workflow hosts
 *   of the runs it holds, created on first use. A run's process there has a kernel pid of the
 *   sandbox's own; the world sees the run's stable pid (`Execution.pid`).
 * - Clock: the workflow time of the run whose process is in its turn (`os.time()`, uuid v7).
 *   Kernel timers cannot be armed (every timer of a workflow is a durable one).
 * - Entries: a process resolves `require`d libraries from its run's pinned code only.
 * - Security: a run's process has the run's actor and scope (`Execution.security`).
 * - `runUntilQuiet(exec)`: runs slices until the run's process waits or ended, giving the
 *   event loop a turn between slices so that a busy workflow cannot starve the node.
 * - `stop(exec)`: detaches the run first (no exit is recorded for a run the engine stops:
 *   fenced, halted, terminated), then kills its process.
 *
 * In: executions. Out: processes running their code; exits reported to their execution.
 */
import { Kernel, type Clock, type ExitReason, type Pid, type Result, type TimerHandle } from "../kernel";
import { LuaRuntime, type LuaLogger } from "../lua";
import { workflowModules } from "../lua/modules/workflow";
import type { PolicyIndex } from "../security";
import type { Execution } from "./execution";

const SLICE_TURNS = 500;
const BUSY_SLICES = 2000;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

class WorkflowClock implements Clock {
  constructor(private readonly current: () => Execution | undefined) {}

  now(): number {
    return this.current()?.logicalTime ?? 0;
  }

  setTimer(): TimerHandle {
    throw new Error("kernel timers are not available inside a workflow; durable timers come from the engine");
  }
}

export class WorkflowSandbox {
  readonly kernel: Kernel;
  readonly runtime: LuaRuntime;
  private readonly byKernelPid = new Map<Pid, Execution>();
  private readonly kernelPids = new Map<Execution, Pid>();

  /** `hostWorkers`: each workflow host's share of this sandbox's scheduler; `policies`: the node's, for the runs' `security` module. */
  constructor(
    private readonly logger?: LuaLogger,
    private readonly hostWorkers?: number,
    policies?: () => PolicyIndex,
  ) {
    const current = (): Execution | undefined => this.byKernelPid.get(this.kernel.running ?? "");
    this.kernel = new Kernel({
      clock: new WorkflowClock(current),
      observer: { exited: (pid, _id, reason) => this.exited(pid, reason) },
    });
    this.runtime = new LuaRuntime({
      kernel: this.kernel,
      resolveEntry: (id) => current()?.resolveEntry(id),
      policies,
      logger,
      modules: workflowModules((proc) => this.byKernelPid.get(proc.pid)),
    });
  }

  /** Starts the run's code from the beginning (its method gets the run's input). */
  spawn(exec: Execution): Result<Pid> {
    const host = exec.run.host;
    if (!this.kernel.hosts.info(host).ok) {
      const added = this.kernel.hosts.add(host, this.hostWorkers === undefined ? {} : { workers: this.hostWorkers });
      if (!added.ok) return added;
    }
    const vm = this.runtime.vm(host);
    if (!vm.ok) return vm;
    const compiled = vm.value.compile(exec.bundle.entry);
    if (!compiled.ok) return compiled;
    const pid = this.kernel.spawn({ host, behaviour: vm.value.behaviour(compiled.value, exec.security === undefined ? {} : { security: exec.security }), args: exec.run.input, id: exec.entryId });
    if (!pid.ok) return pid;
    this.byKernelPid.set(pid.value, exec);
    this.kernelPids.set(exec, pid.value);
    return pid;
  }

  /** True once the run's process waits for something or has ended. */
  isQuiet(exec: Execution): boolean {
    const pid = this.kernelPids.get(exec);
    if (pid === undefined) return true;
    const info = this.kernel.info(pid);
    return !info.ok || info.value.state === "waiting";
  }

  async runUntilQuiet(exec: Execution): Promise<void> {
    for (let slices = 1; ; slices++) {
      this.kernel.runSlice(SLICE_TURNS);
      // Nothing runnable left means this run's process waits or ended too — known without
      // `info`, which describes the whole process (links, waiters, memory) at every step.
      if (!this.kernel.hasWork() || this.isQuiet(exec)) return;
      // Replay cannot go on until the code waits; a workflow that never does holds its run here.
      if (slices === BUSY_SLICES) this.logger?.warn({ run: exec.runId, entry: exec.entryId }, `workflow run ${exec.runId} has run ${BUSY_SLICES * SLICE_TURNS} turns without waiting for anything: a busy loop blocks its history`);
      await nextTurn();
    }
  }

  private exited(pid: Pid, reason: ExitReason): void {
    const exec = this.byKernelPid.get(pid);
    if (exec === undefined) return;
    this.byKernelPid.delete(pid);
    this.kernelPids.delete(exec);
    exec.onExit(reason);
  }

  stop(exec: Execution): void {
    const pid = this.kernelPids.get(exec);
    if (pid === undefined) return;
    this.kernelPids.delete(exec);
    this.byKernelPid.delete(pid);
    // NotFound when the process already ended: nothing left to stop.
    this.kernel.terminate(pid);
  }

  get size(): number {
    return this.kernelPids.size;
  }
}
