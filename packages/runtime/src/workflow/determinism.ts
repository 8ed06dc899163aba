/**
 * Determinism — how a command the code issues is matched against the history, and the
 * `NonDeterminism` error that stops a run whose code no longer matches it.
 *
 * Terms:
 * - Command event: the recorded form of a command (`activity.scheduled`, `timer.started`,
 *   `side_effect`, `version.marker`, `child.started`, `message.sent`).
 * - Resolution: an event delivered to the code (a completion, a fired timer, a signal, a
 *   cancel request, a child's end). No-op: an event replay skips (`activity.failed` that will
 *   be retried, `code.upgraded`). Final: how the run ended.
 * - Match: same command type; for activities the same name and args hash (sha256 of the
 *   canonical JSON of the args); for children the same workflow and input hash; for side
 *   effects the same kind; for version markers the same change id; for sends the same
 *   destination and topic. Timer durations may change (a timer is the same timer).
 * - `NonDeterminism`: `{kind: "NonDeterminism", message, details: {entry, source, line,
 *   command, seq, expected, got}}` — the workflow entry, where in the Lua source the code
 *   diverged, the command number and the history seq it was checked against.
 *
 * In: history events, issued commands. Out: descriptions, mismatch reasons, errors.
 */
import { createHash } from "node:crypto";
import { canonicalJson, type HistoryEvent, type JsonValue, type StoredEvent, type WorkflowError } from "@wippy/shared";
import type { CallSite, WorkflowCommand } from "../lua/modules/workflow";
import { toJson } from "./json";

export type EventRole = "command" | "resolution" | "noop" | "start" | "final";

export function roleOf(event: HistoryEvent): EventRole {
  switch (event.type) {
    case "activity.scheduled":
    case "timer.started":
    case "side_effect":
    case "version.marker":
    case "child.started":
    case "message.sent":
      return "command";
    case "activity.completed":
    case "timer.fired":
    case "child.completed":
    case "child.failed":
    case "signal.received":
    case "cancel.requested":
      return "resolution";
    case "activity.failed":
      return event.final ? "resolution" : "noop";
    case "code.upgraded":
      return "noop";
    case "started":
      return "start";
    case "completed":
    case "failed":
    case "canceled":
    case "terminated":
      return "final";
  }
}

export function argsHash(args: readonly unknown[]): string {
  return createHash("sha256").update(canonicalJson(args.map(toJson))).digest("hex").slice(0, 16);
}

export function describeCommand(command: WorkflowCommand): string {
  switch (command.kind) {
    case "activity":
      return `activity ${command.name} (args ${argsHash(command.args)})`;
    case "timer":
      return `timer of ${command.delayMs}ms`;
    case "side_effect":
      return `side effect ${command.name}`;
    case "version":
      return `version marker ${command.changeId}`;
    case "child":
      return `child workflow ${command.workflow} (input ${argsHash(command.args)})`;
    case "send":
      return `message ${command.topic} to ${command.to}`;
  }
}

export function describeEvent(event: HistoryEvent): string {
  switch (event.type) {
    case "activity.scheduled":
      return `activity.scheduled ${event.activity} (args ${argsHash(event.args)})`;
    case "timer.started":
      return "timer.started";
    case "side_effect":
      return `side_effect ${event.name}`;
    case "version.marker":
      return `version.marker ${event.changeId}`;
    case "child.started":
      return `child.started ${event.workflow} (input ${argsHash(event.input)})`;
    case "message.sent":
      return `message.sent ${event.topic} to ${event.to}`;
    default:
      return event.type;
  }
}

/** Why `command` does not match the recorded `event`, or null when it does. */
export function mismatch(event: HistoryEvent, command: WorkflowCommand): string | null {
  const differs = `the code issued ${describeCommand(command)} but the history has ${describeEvent(event)}`;
  switch (command.kind) {
    case "activity":
      return event.type === "activity.scheduled" && event.activity === command.name && argsHash(event.args) === argsHash(command.args) ? null : differs;
    case "timer":
      return event.type === "timer.started" ? null : differs;
    case "side_effect":
      return event.type === "side_effect" && event.name === command.name ? null : differs;
    case "version":
      return event.type === "version.marker" && event.changeId === command.changeId ? null : differs;
    case "child":
      return event.type === "child.started" && event.workflow === command.workflow && argsHash(event.input) === argsHash(command.args) ? null : differs;
    case "send":
      return event.type === "message.sent" && event.to === command.to && event.topic === command.topic ? null : differs;
  }
}

export interface Divergence {
  readonly entry: string;
  readonly site: CallSite | undefined;
  readonly command: number;
  readonly event: StoredEvent | undefined;
  readonly reason: string;
}

export function nonDeterminism(d: Divergence): WorkflowError {
  const where = d.site === undefined ? "" : ` at ${d.site.source}:${d.site.line}`;
  const seq = d.event === undefined ? "past the end of the history" : `history seq ${d.event.seq}`;
  const details: { [key: string]: JsonValue } = { entry: d.entry, command: d.command, reason: d.reason };
  if (d.site !== undefined) {
    details.source = d.site.source;
    details.line = d.site.line;
  }
  if (d.event !== undefined) {
    details.seq = d.event.seq;
    details.expected = describeEvent(d.event);
  }
  return { kind: "NonDeterminism", message: `NonDeterminism in ${d.entry}${where}, command ${d.command}, ${seq}: ${d.reason}`, retryable: false, details };
}
