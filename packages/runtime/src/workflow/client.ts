/**
 * WorkflowClient — a workflow as the rest of the system sees it: a process with a stable pid
 * (LUA_API.md §8). Every call goes through the store, so it works whichever node holds the
 * run (or none: signals and cancel requests wait in the run's inbox).
 *
 *   const { pid } = unwrap(await client.spawn("app:order_flow", "app:workflows", [order], { id: "order-42" }));
 *   await client.send(pid, "approve", [{ by: "ann" }], senderPid);
 *   const exit = await client.awaitExit(pid);      // {value} | {error}, as an EXIT event carries
 *
 * Terms:
 * - spawn: the entry must be a `workflow.lua`; its code (and imported libraries) is stored
 *   under its hash and pinned for the run. `id` (`workflow.id`) is the business id, default a
 *   new uuid; `conflictPolicy` (`workflow.id_conflict_policy`) defaults to `use_existing` with
 *   an id — spawning the same id twice gives the same pid, finished or not.
 * - pid: `{host|run id}` (`pid.ts`). Calls with a pid of another form → `Invalid`.
 * - send → a recorded signal; cancel → a recorded cancel request (cooperative: the code sees
 *   CANCEL on `process.events()`); terminate → the run ends at once as `terminated` (its holder
 *   is fenced). A run that is not running → `NotFound` ("… not found").
 * - awaitExit: the exit result once the run ended — at once from the local worker when it
 *   held the run, otherwise by polling the store every `pollMs`.
 *
 * In: entry ids, pids, plain data. Out: kernel `Result`s and exit results.
 */
import { randomUUID } from "node:crypto";
import type { ConflictPolicy, JsonValue, RunRecord, StoreResult, WorkflowStore } from "@wippy/shared";
import { FINAL_RUN_STATUSES } from "@wippy/shared";
import { fail, ok, wippyError, type Clock, type ExitResult, type Result } from "../kernel";
import type { SecurityContext } from "../security";
import { bundleCode, bundleJson, codeHash, type EntryResolver } from "./code";
import { exitResultOf } from "./json";
import { checkRunId, parseWorkflowPid, workflowPid } from "./pid";
import { runSecurityOf } from "./run-security";
import type { RunEnd } from "./worker";

export interface SpawnOptions {
  readonly id?: string;
  readonly conflictPolicy?: ConflictPolicy;
  /** The actor and scope the run acts with (kept in its `started` event); none by default. */
  readonly security?: SecurityContext;
}

/** What the client needs of the node's workers: a `WorkflowWorker`, or the service's set of them. */
export interface WorkerHandle {
  wake(): void;
  forget(runId: string, why: string): void;
  onRunEnded(listener: (end: RunEnd) => void): () => void;
}

export interface WorkflowClientOptions {
  readonly store: WorkflowStore;
  readonly resolveEntry: EntryResolver;
  readonly clock: Clock;
  /** This node's worker: woken for runs spawned or signalled here, and a fast path for exits. */
  readonly worker?: WorkerHandle;
  readonly pollMs?: number;
}

export const CONFLICT_POLICIES: readonly ConflictPolicy[] = ["use_existing", "fail", "terminate_existing"];
const DEFAULT_POLL_MS = 500;

function fromStore<T>(result: StoreResult<T>): Result<T> {
  return result.ok ? ok(result.value) : fail(wippyError(result.error.kind === "Fenced" ? "Conflict" : result.error.kind, result.error.message));
}

export class WorkflowClient {
  constructor(private readonly options: WorkflowClientOptions) {}

  async spawn(workflow: string, host: string, args: readonly JsonValue[], spawn: SpawnOptions = {}): Promise<Result<{ pid: string; runId: string; created: boolean }>> {
    const id = spawn.id ?? randomUUID();
    const bad = checkRunId(id);
    if (bad !== null) return fail(wippyError("Invalid", bad, { retryable: false }));
    const bundle = bundleCode(this.options.resolveEntry, workflow);
    if (!bundle.ok) return bundle;
    const hash = codeHash(bundle.value);
    await this.options.store.putCode(hash, bundleJson(bundle.value));
    const policy = spawn.conflictPolicy ?? (spawn.id === undefined ? "fail" : "use_existing");
    const started = fromStore(await this.options.store.startRun({ id, workflow: bundle.value.entry.id, host, codeHash: hash, input: [...args], security: runSecurityOf(spawn.security) }, policy));
    if (!started.ok) return started;
    const { run, created } = started.value;
    if (created) {
      if (policy === "terminate_existing") this.options.worker?.forget(id, "replaced by a new run");
      this.options.worker?.wake();
    }
    return ok({ pid: workflowPid(run.host, run.id), runId: run.id, created });
  }

  async send(pid: string, topic: string, payloads: readonly JsonValue[], from = ""): Promise<Result<true>> {
    const runId = this.runIdOf(pid);
    if (!runId.ok) return runId;
    const sent = fromStore(await this.options.store.signal(runId.value, topic, [...payloads], from));
    if (sent.ok) this.options.worker?.wake();
    return sent;
  }

  async cancel(pid: string, reason = "canceled", from = ""): Promise<Result<true>> {
    const runId = this.runIdOf(pid);
    if (!runId.ok) return runId;
    const requested = fromStore(await this.options.store.requestCancel(runId.value, reason, from));
    if (requested.ok) this.options.worker?.wake();
    return requested;
  }

  async terminate(pid: string, reason = "terminated"): Promise<Result<true>> {
    const runId = this.runIdOf(pid);
    if (!runId.ok) return runId;
    const ended = await this.options.store.terminateRun(runId.value, reason);
    if (!ended.ok) return fail(wippyError("NotFound", `process ${pid} not found (${ended.error.message})`));
    this.options.worker?.forget(runId.value, "terminated");
    return ok(true);
  }

  async info(pid: string): Promise<RunRecord | undefined> {
    const runId = this.runIdOf(pid);
    return runId.ok ? this.options.store.getRun(runId.value) : undefined;
  }

  /** The run's exit result once it ended (`NotFound` for an unknown pid). */
  async awaitExit(pid: string): Promise<Result<ExitResult>> {
    const runId = this.runIdOf(pid);
    if (!runId.ok) return runId;
    const first = await this.options.store.getRun(runId.value);
    if (first === undefined) return fail(wippyError("NotFound", `process ${pid} not found`));
    if (FINAL_RUN_STATUSES.includes(first.status)) return ok(exitResultOf(first));
    return new Promise((resolve) => {
      let timer: { cancel(): void } | null = null;
      let done = false;
      const finish = (result: ExitResult): void => {
        if (done) return;
        done = true;
        timer?.cancel();
        unsubscribe?.();
        resolve(ok(result));
      };
      const unsubscribe = this.options.worker?.onRunEnded((end) => {
        if (end.runId === runId.value) finish(exitResultOf(end));
      });
      const poll = (): void => {
        timer = this.options.clock.setTimer(this.options.pollMs ?? DEFAULT_POLL_MS, {
          fire: () => {
            void this.options.store.getRun(runId.value).then((run) => {
              if (run !== undefined && FINAL_RUN_STATUSES.includes(run.status)) finish(exitResultOf(run));
              else if (!done) poll();
            });
          },
        });
      };
      poll();
    });
  }

  private runIdOf(pid: string): Result<string> {
    const parsed = parseWorkflowPid(pid);
    if (parsed === undefined) return fail(wippyError("Invalid", `${pid} is not a workflow pid`, { retryable: false }));
    return ok(parsed.runId);
  }
}
