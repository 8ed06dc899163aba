/**
 * A run's history as people read it: one item per thing that happened, with the events that
 * belong together folded into it — an activity with its attempts, a timer with its firing, a
 * child workflow with its end. Pure: history in, items out (the run page draws them).
 *
 * Terms:
 * - Item: `started`, `activity`, `timer`, `child`, `signal`, `cancel`, `side_effect`,
 *   `version`, `message`, `upgrade`, `end` — at the seq and time of the event that opened it.
 * - Attempt of an activity: attempt 1 starts when the activity is scheduled, attempt k + 1 at
 *   the `retryAt` that attempt k's failure set; it ends at its `completed` / `failed` event.
 *   `durationMs` is end − start; an activity's own duration is scheduled → its last end.
 * - Status: `running` (nothing recorded yet), `retrying` (the last attempt failed, another is
 *   due), `completed`, `failed`; timers `pending`, `fired`, or `dropped` when the run ended
 *   first; children `running`, `completed`, `failed`.
 * - Pending timer: an armed store timer (`runSchedule`) named after what it wakes — a `timer`
 *   (durable sleep) or the next attempt of an `activity`.
 */
import type { JsonValue, RunStatus, StoredEvent, WorkflowError } from "@wippy/shared";

export interface Attempt {
  attempt: number;
  startedAt: number;
  endedAt?: number;
  durationMs?: number;
  outcome: "running" | "completed" | "failed";
  error?: WorkflowError;
  retryAt?: number;
}

interface At {
  seq: number;
  at: number;
}

export type TimelineItem = At &
  (
    | { type: "started"; input: JsonValue[] }
    | { type: "activity"; command: number; activity: string; args: JsonValue[]; status: "running" | "retrying" | "completed" | "failed"; attempts: Attempt[]; result?: JsonValue; error?: WorkflowError; endedAt?: number; durationMs?: number }
    | { type: "timer"; command: number; fireAt: number; status: "pending" | "fired" | "dropped"; firedAt?: number }
    | { type: "child"; command: number; childId: string; workflow: string; input: JsonValue[]; status: "running" | "completed" | "failed"; result?: JsonValue; error?: WorkflowError; endedAt?: number }
    | { type: "signal"; topic: string; payloads: JsonValue[]; from: string }
    | { type: "cancel"; reason: string; from: string }
    | { type: "side_effect"; command: number; name: string; value: JsonValue }
    | { type: "version"; command: number; changeId: string; version: number }
    | { type: "message"; command: number; to: string; topic: string; payloads: JsonValue[] }
    | { type: "upgrade"; fromHash: string; toHash: string }
    | { type: "end"; status: Exclude<RunStatus, "running">; result?: JsonValue; error?: WorkflowError; reason?: string }
  );

export type TimelineItemType = TimelineItem["type"];
type ItemOf<T extends TimelineItemType> = Extract<TimelineItem, { type: T }>;

export interface PendingTimer {
  command: number;
  fireAt: number;
  /** What fires: a durable sleep, or the next attempt of an activity. */
  wakes: { type: "timer" } | { type: "retry"; activity: string; attempt: number } | { type: "unknown" };
}

export function buildTimeline(history: readonly StoredEvent[]): TimelineItem[] {
  const items: TimelineItem[] = [];
  const activities = new Map<number, ItemOf<"activity">>();
  const timers = new Map<number, ItemOf<"timer">>();
  const children = new Map<number, ItemOf<"child">>();
  let ended = false;
  for (const e of history) {
    const at = { seq: e.seq, at: e.at };
    switch (e.type) {
      case "started":
        items.push({ ...at, type: "started", input: e.input });
        break;
      case "activity.scheduled": {
        const item: ItemOf<"activity"> = { ...at, type: "activity", command: e.command, activity: e.activity, args: e.args, status: "running", attempts: [{ attempt: 1, startedAt: e.at, outcome: "running" }] };
        activities.set(e.command, item);
        items.push(item);
        break;
      }
      case "activity.completed": {
        const activity = activities.get(e.command);
        if (!activity) break;
        endAttempt(activity, e.attempt, e.at, { outcome: "completed" });
        Object.assign(activity, { status: "completed", result: e.result });
        break;
      }
      case "activity.failed": {
        const activity = activities.get(e.command);
        if (!activity) break;
        endAttempt(activity, e.attempt, e.at, { outcome: "failed", error: e.error, ...(e.retryAt !== undefined && { retryAt: e.retryAt }) });
        if (e.final) Object.assign(activity, { status: "failed", error: e.error });
        else {
          activity.status = "retrying";
          activity.attempts.push({ attempt: e.attempt + 1, startedAt: e.retryAt ?? e.at, outcome: "running" });
        }
        break;
      }
      case "timer.started": {
        const item: ItemOf<"timer"> = { ...at, type: "timer", command: e.command, fireAt: e.fireAt, status: "pending" };
        timers.set(e.command, item);
        items.push(item);
        break;
      }
      case "timer.fired":
        update(timers.get(e.command), { status: "fired", firedAt: e.at });
        break;
      case "child.started": {
        const item: ItemOf<"child"> = { ...at, type: "child", command: e.command, childId: e.childId, workflow: e.workflow, input: e.input, status: "running" };
        children.set(e.command, item);
        items.push(item);
        break;
      }
      case "child.completed":
        update(children.get(e.command), { status: "completed", result: e.result, endedAt: e.at });
        break;
      case "child.failed":
        update(children.get(e.command), { status: "failed", error: e.error, endedAt: e.at });
        break;
      case "signal.received":
        items.push({ ...at, type: "signal", topic: e.topic, payloads: e.payloads, from: e.from });
        break;
      case "cancel.requested":
        items.push({ ...at, type: "cancel", reason: e.reason, from: e.from });
        break;
      case "side_effect":
        items.push({ ...at, type: "side_effect", command: e.command, name: e.name, value: e.value });
        break;
      case "version.marker":
        items.push({ ...at, type: "version", command: e.command, changeId: e.changeId, version: e.version });
        break;
      case "message.sent":
        items.push({ ...at, type: "message", command: e.command, to: e.to, topic: e.topic, payloads: e.payloads });
        break;
      case "code.upgraded":
        items.push({ ...at, type: "upgrade", fromHash: e.fromHash, toHash: e.toHash });
        break;
      case "completed":
        items.push({ ...at, type: "end", status: "completed", result: e.result });
        ended = true;
        break;
      case "failed":
      case "canceled":
        items.push({ ...at, type: "end", status: e.type, error: e.error });
        ended = true;
        break;
      case "terminated":
        items.push({ ...at, type: "end", status: "terminated", reason: e.reason });
        ended = true;
        break;
      default:
        return unknownEvent(e);
    }
  }
  if (ended) for (const timer of timers.values()) if (timer.status === "pending") timer.status = "dropped";
  return items;
}

/** Names each armed timer after the timer or activity retry of the same command. */
export function describeTimers(armed: readonly { command: number; fireAt: number }[], timeline: readonly TimelineItem[]): PendingTimer[] {
  return armed.map(({ command, fireAt }) => {
    const owner = timeline.find((i) => (i.type === "timer" || i.type === "activity") && i.command === command);
    if (owner?.type === "timer") return { command, fireAt, wakes: { type: "timer" } };
    if (owner?.type === "activity") return { command, fireAt, wakes: { type: "retry", activity: owner.activity, attempt: owner.attempts.length } };
    return { command, fireAt, wakes: { type: "unknown" } };
  });
}

/** A resolution of a command the history never issued (a corrupt history) changes nothing. */
function update<T extends object>(item: T | undefined, patch: Partial<T>): void {
  if (item) Object.assign(item, patch);
}

function endAttempt(activity: ItemOf<"activity">, attempt: number, at: number, end: Pick<Attempt, "outcome" | "error" | "retryAt">): void {
  let current = activity.attempts.find((a) => a.attempt === attempt);
  if (!current) {
    current = { attempt, startedAt: at, outcome: "running" };
    activity.attempts.push(current);
  }
  Object.assign(current, end, { endedAt: at, durationMs: Math.max(0, at - current.startedAt) });
  activity.endedAt = at;
  activity.durationMs = Math.max(0, at - activity.at);
}

function unknownEvent(event: never): never {
  throw new Error(`a history event of unknown type: ${JSON.stringify(event)}`);
}
