/**
 * Execution — one run as the sandbox sees it: the `WorkflowPort` its Lua process issues
 * commands through, and the replay cursor that answers them from the history.
 *
 * Terms:
 * - Cursor: the next history event not yet consumed. Issuing a command consumes the command
 *   event at the cursor (after skipping no-ops) — it must match, or the run diverged; at the
 *   end of the history the command is *live*: recorded in the batch and executed after commit.
 * - `advance()`: the driver calls it whenever the process is quiet (blocked or ended). At a
 *   resolution it delivers it (activity result, fired timer, signal, cancel, child result) and
 *   the driver runs the code again; at a command event the code should have issued that
 *   command and did not → divergence; at the end → `live`.
 * - Workflow time (`logicalTime`): the `at` of the last delivered event (the store's start
 *   time at first). The sandbox clock reads it, so `os.time()` replays identically.
 * - Batch: live events not yet appended, with their effects (inbox items consumed, timers to
 *   arm/clear) and what to do once they are committed (`LiveEffect`: start an activity, arm a
 *   local timer, start a child, send a message). The driver takes it with `takeBatch()`.
 * - Outstanding: commands issued and not yet resolved — what a driver must (re)start after a
 *   takeover: activities (with attempts so far), timers, children.
 * - Security: the run's context, from its `started` event (`run-security.ts`). A live send is
 *   checked (with a guard) and a refusal recorded (`message.sent` `refused`) for replays.
 * - Divergence: the first mismatch stops everything: every later `issue` answers `halt`, the
 *   batch is dropped by the driver, and `divergence` holds the `NonDeterminism` error.
 *
 * In: the run, its pinned code and history; commands from Lua; live resolutions.
 * Out: answers to Lua; batches for the store; outstanding work for the driver.
 */
import type { AppendEffects, HistoryEvent, JsonValue, RunRecord, StoredEvent, TimedEvent, WorkflowError, ActivityOptions } from "@wippy/shared";
import { canonicalJson, finalOutcome } from "@wippy/shared";
import { Channel, EVENT, type ExitReason } from "../kernel";
import { DEFAULT_VERSION, type CallSite, type CommandAnswer, type Resolution, type WorkflowCommand, type WorkflowPort } from "../lua/modules/workflow";
import type { SecurityContext } from "../security";
import { resolverOf, type CodeBundle, type EntryResolver } from "./code";
import { describeCommand, describeEvent, mismatch, nonDeterminism, roleOf } from "./determinism";
import { toJson, toWippyError, toWorkflowError } from "./json";
import { WorkflowMailbox } from "./mailbox";
import { workflowPid } from "./pid";
import { activityOptions } from "./retry";
import { checkSend, contextOfRun, type RunGuard } from "./run-security";

export interface OutstandingActivity {
  readonly activity: string;
  readonly args: JsonValue[];
  readonly options: ActivityOptions;
  /** Failed attempts so far; the next attempt is `attempts + 1`. */
  attempts: number;
  retryAt?: number;
}

export interface OutstandingChild {
  readonly childId: string;
  readonly workflow: string;
  readonly input: JsonValue[];
}

export type LiveEffect =
  | { readonly kind: "activity"; readonly command: number }
  | { readonly kind: "timer"; readonly command: number; readonly fireAt: number }
  | { readonly kind: "child"; readonly command: number }
  | { readonly kind: "send"; readonly to: string; readonly topic: string; readonly payloads: JsonValue[] };

export interface Batch {
  readonly events: TimedEvent[];
  readonly effects: AppendEffects;
  readonly afterCommit: LiveEffect[];
}

export type AdvanceStep = "applied" | "live" | "ended" | "diverged";

const HALT: CommandAnswer = { kind: "halt" };
const now = (value: unknown): CommandAnswer => ({ kind: "now", resolution: { value } });

export class Execution implements WorkflowPort {
  readonly pid: string;
  readonly runId: string;
  readonly entryId: string;
  readonly mailbox = new WorkflowMailbox();
  readonly resolveEntry: EntryResolver;
  readonly activities = new Map<number, OutstandingActivity>();
  readonly timers = new Map<number, number>();
  readonly children = new Map<number, OutstandingChild>();
  /** The actor and scope the run acts with (none: unrestricted unless strict mode). */
  readonly security: SecurityContext | undefined;
  logicalTime: number;
  divergence: WorkflowError | null = null;
  private done = false;
  lastSeq: number;
  private cursor = 1;
  private nextCommand = 1;
  private lastSite: CallSite | undefined;
  private readonly pending = new Map<number, Channel<Resolution>>();
  private batch: TimedEvent[] = [];
  private effects: Required<AppendEffects> = { consumed: [], timers: [], clearTimers: [] };
  private afterCommit: LiveEffect[] = [];

  constructor(
    readonly run: RunRecord,
    readonly bundle: CodeBundle,
    private readonly history: readonly StoredEvent[],
    /** Checks live commands; none in a dry replay (it executes nothing). */
    private readonly guard?: RunGuard,
  ) {
    this.pid = workflowPid(run.host, run.id);
    this.runId = run.id;
    this.entryId = bundle.entry.id;
    this.resolveEntry = resolverOf(bundle);
    this.security = contextOfRun(history);
    this.logicalTime = history[0]?.at ?? run.createdAt;
    this.lastSeq = history.at(-1)?.seq ?? 0;
  }

  /** The process ended and its final event was matched (replay) or recorded (live). */
  get ended(): boolean {
    return this.done;
  }

  // ── the port: called from Lua inside the process's turn ─────────────────────────────────

  issue(command: WorkflowCommand, site: CallSite): CommandAnswer {
    if (this.divergence !== null) return HALT;
    this.lastSite = site;
    if (command.kind === "version") return this.version(command, site);
    this.skipNoops();
    const event = this.history[this.cursor];
    if (event === undefined) return this.live(command);
    if (roleOf(event) !== "command") return this.diverge(site, event, `the code issued ${describeCommand(command)} but the history continues with ${describeEvent(event)}`);
    const reason = mismatch(event, command) ?? this.numbered(event);
    if (reason !== null) return this.diverge(site, event, reason);
    this.cursor++;
    this.nextCommand++;
    return this.replayed(event);
  }

  private replayed(event: StoredEvent): CommandAnswer {
    switch (event.type) {
      case "activity.scheduled":
        this.activities.set(event.command, { activity: event.activity, args: event.args, options: event.options, attempts: 0 });
        return this.later(event.command);
      case "timer.started":
        this.timers.set(event.command, event.fireAt);
        return this.later(event.command);
      case "child.started":
        this.children.set(event.command, { childId: event.childId, workflow: event.workflow, input: event.input });
        return this.later(event.command);
      case "side_effect":
        return now(event.value);
      case "message.sent":
        return event.refused === undefined ? now(true) : { kind: "now", resolution: { error: toWippyError(event.refused) } };
      default:
        return this.diverge(this.lastSite, event, `${event.type} is not a command`);
    }
  }

  private live(command: Exclude<WorkflowCommand, { kind: "version" }>): CommandAnswer {
    const n = this.nextCommand++;
    switch (command.kind) {
      case "activity": {
        const args = command.args.map(toJson);
        const options = activityOptions(command.settings);
        this.record({ type: "activity.scheduled", command: n, activity: command.name, args, options });
        this.activities.set(n, { activity: command.name, args, options, attempts: 0 });
        this.afterCommit.push({ kind: "activity", command: n });
        return this.later(n);
      }
      case "timer": {
        const fireAt = this.logicalTime + command.delayMs;
        this.record({ type: "timer.started", command: n, fireAt });
        this.effects.timers.push({ command: n, fireAt });
        this.timers.set(n, fireAt);
        this.afterCommit.push({ kind: "timer", command: n, fireAt });
        return this.later(n);
      }
      case "side_effect": {
        const value = command.generate();
        this.record({ type: "side_effect", command: n, name: command.name, value });
        return now(value);
      }
      case "child": {
        const child: OutstandingChild = { childId: `${this.runId}/${n}`, workflow: command.workflow, input: command.args.map(toJson) };
        this.record({ type: "child.started", command: n, ...child });
        this.children.set(n, child);
        this.afterCommit.push({ kind: "child", command: n });
        return this.later(n);
      }
      case "send": {
        const payloads = command.payloads.map(toJson);
        const sent = { type: "message.sent", command: n, to: command.to, topic: command.topic, payloads } as const;
        const denied = checkSend(this.guard, this.security, this.pid, command.to, command.topic);
        this.record(denied === null ? sent : { ...sent, refused: toWorkflowError(denied) });
        if (denied !== null) return { kind: "now", resolution: { error: denied } };
        this.afterCommit.push({ kind: "send", to: command.to, topic: command.topic, payloads });
        return now(true);
      }
    }
  }

  /** `workflow.version`: a marker consumes a command number only when it is (or gets) recorded. */
  private version(command: Extract<WorkflowCommand, { kind: "version" }>, site: CallSite): CommandAnswer {
    const { changeId, min, max } = command;
    this.skipNoops();
    const event = this.history[this.cursor];
    if (event === undefined) {
      this.record({ type: "version.marker", command: this.nextCommand++, changeId, version: max });
      return now(max);
    }
    if (event.type === "version.marker" && event.changeId === changeId) {
      const numbered = this.numbered(event);
      if (numbered !== null) return this.diverge(site, event, numbered);
      if (event.version < min || event.version > max) return this.diverge(site, event, `the history recorded version ${event.version} of change "${changeId}", outside the ${min}..${max} this code supports`);
      this.cursor++;
      this.nextCommand++;
      return now(event.version);
    }
    const elsewhere = this.history.find((e) => e.type === "version.marker" && e.changeId === changeId);
    if (elsewhere !== undefined) return this.diverge(site, elsewhere, `workflow.version("${changeId}") was called where the history has ${describeEvent(event)}, not where its marker was recorded`);
    if (DEFAULT_VERSION < min) return this.diverge(site, event, `the history predates change "${changeId}" (version ${DEFAULT_VERSION}), which this code no longer supports (min ${min})`);
    return now(DEFAULT_VERSION);
  }

  /** A recorded command must carry the number the code is at (else the history is not this engine's). */
  private numbered(event: StoredEvent): string | null {
    const recorded = "command" in event ? event.command : undefined;
    return recorded === this.nextCommand ? null : `the history numbers this command ${String(recorded)}, the code is at command ${this.nextCommand}`;
  }

  private later(command: number): CommandAnswer {
    const channel = new Channel<Resolution>(1);
    this.pending.set(command, channel);
    return { kind: "later", channel };
  }

  private diverge(site: CallSite | undefined, event: StoredEvent | undefined, reason: string): CommandAnswer {
    this.divergence ??= nonDeterminism({ entry: this.entryId, site, command: this.nextCommand, event, reason });
    return HALT;
  }

  private record(event: HistoryEvent): void {
    this.batch.push({ ...event, at: this.logicalTime });
  }

  // ── the driver's side ───────────────────────────────────────────────────────────────────

  /** Called by the driver when the process is quiet: deliver the next recorded resolution, if any. */
  advance(): AdvanceStep {
    if (this.divergence !== null) return "diverged";
    if (this.ended) return "ended";
    this.skipNoops();
    const event = this.history[this.cursor];
    if (event === undefined) return "live";
    switch (roleOf(event)) {
      case "resolution":
        this.cursor++;
        this.apply(event);
        return this.divergence === null ? "applied" : "diverged";
      case "command":
        this.diverge(this.lastSite, event, `the code is waiting but the history has its next command, ${describeEvent(event)}: the code did not issue it`);
        return "diverged";
      default:
        this.diverge(this.lastSite, event, `the code is still running but the history has ${describeEvent(event)}`);
        return "diverged";
    }
  }

  /** A live resolution: recorded in the batch, then delivered to the code. */
  recordLive(event: HistoryEvent, at: number, effects: AppendEffects = {}): void {
    this.logicalTime = Math.max(this.logicalTime, at);
    const timed = { ...event, at: this.logicalTime };
    this.batch.push(timed);
    this.addEffects(effects);
    const role = roleOf(event);
    if (role === "resolution") this.apply(timed);
    else if (role === "noop") this.applyNoop(timed);
  }

  /** The code could not even start (it does not compile): the run fails with that error. */
  failToStart(error: WorkflowError, at: number): void {
    this.logicalTime = Math.max(this.logicalTime, at);
    this.record({ type: "failed", error });
    this.done = true;
  }

  /** Effects with no event (e.g. disarming a retry timer when its attempt starts). */
  addEffects(effects: AppendEffects): void {
    this.effects.consumed.push(...(effects.consumed ?? []));
    this.effects.timers.push(...(effects.timers ?? []));
    this.effects.clearTimers.push(...(effects.clearTimers ?? []));
  }

  takeBatch(): Batch {
    const batch: Batch = { events: this.batch, effects: this.effects, afterCommit: this.afterCommit };
    this.batch = [];
    this.effects = { consumed: [], timers: [], clearTimers: [] };
    this.afterCommit = [];
    return batch;
  }

  committed(stored: readonly StoredEvent[]): void {
    this.lastSeq = stored.at(-1)?.seq ?? this.lastSeq;
  }

  /** The process ended (kernel observer): match the recorded end, or record it live. */
  onExit(reason: ExitReason): void {
    if (this.divergence !== null || this.ended) return;
    this.skipNoops();
    const final = finalEventOf(reason);
    const event = this.history[this.cursor];
    if (event === undefined) {
      this.record(final);
      this.done = true;
      return;
    }
    if (roleOf(event) !== "final") {
      this.diverge(this.lastSite, event, `the code returned (${final.type}) but the history continues with ${describeEvent(event)}`);
      return;
    }
    const same = event.type === final.type && (event.type !== "completed" || final.type !== "completed" || canonicalJson(event.result) === canonicalJson(final.result));
    if (!same) {
      this.diverge(this.lastSite, event, `the code ended ${describeFinal(final)} but the history recorded ${describeFinal(event)}`);
      return;
    }
    this.cursor++;
    this.done = true;
  }

  private skipNoops(): void {
    for (let event = this.history[this.cursor]; event !== undefined && roleOf(event) === "noop"; event = this.history[this.cursor]) {
      this.cursor++;
      this.applyNoop(event);
    }
  }

  private applyNoop(event: TimedEvent): void {
    if (event.type !== "activity.failed") return;
    const activity = this.activities.get(event.command);
    if (activity === undefined) return;
    activity.attempts = event.attempt;
    activity.retryAt = event.retryAt;
  }

  private apply(event: TimedEvent): void {
    this.logicalTime = Math.max(this.logicalTime, event.at);
    switch (event.type) {
      case "activity.completed":
        this.activities.delete(event.command);
        return this.settle(event, { value: event.result });
      case "activity.failed":
        this.activities.delete(event.command);
        return this.settle(event, { error: toWippyError(event.error) });
      case "timer.fired": {
        const fireAt = this.timers.get(event.command) ?? event.at;
        this.timers.delete(event.command);
        return this.settle(event, { value: fireAt });
      }
      case "child.completed":
        this.children.delete(event.command);
        return this.settle(event, { value: event.result });
      case "child.failed":
        this.children.delete(event.command);
        return this.settle(event, { error: toWippyError(event.error) });
      case "signal.received":
        this.mailbox.deliver({ topic: event.topic, from: event.from, payloads: event.payloads });
        return;
      case "cancel.requested":
        this.mailbox.deliverEvent({ kind: EVENT.CANCEL, from: event.from, reason: event.reason, at: event.at });
        return;
      default:
        return;
    }
  }

  private settle(event: TimedEvent & { command: number }, resolution: Resolution): void {
    const channel = this.pending.get(event.command);
    if (channel === undefined) {
      this.diverge(this.lastSite, event as StoredEvent, `${event.type} resolves command ${event.command}, which the code is not waiting for`);
      return;
    }
    this.pending.delete(event.command);
    channel.trySend(resolution);
  }
}

type Final = Extract<HistoryEvent, { type: "completed" | "failed" | "canceled" }>;

function finalEventOf(reason: ExitReason): Final {
  switch (reason.kind) {
    case "normal":
      return { type: "completed", result: toJson(reason.value) };
    case "error":
    case "crash":
    case "link_down":
      return reason.error.kind === "Canceled" ? { type: "canceled", error: toWorkflowError(reason.error) } : { type: "failed", error: toWorkflowError(reason.error) };
    case "terminated":
    case "shutdown":
      return { type: "failed", error: { kind: "Canceled", message: `workflow process stopped (${reason.kind})` } };
  }
}

function describeFinal(event: HistoryEvent): string {
  if (event.type === "completed") return `completed with ${canonicalJson(event.result)}`;
  if (event.type === "failed" || event.type === "canceled" || event.type === "terminated") {
    const outcome = finalOutcome(event);
    return `${outcome.status} (${outcome.error?.kind ?? ""}: ${outcome.error?.message ?? ""})`;
  }
  return event.type;
}

