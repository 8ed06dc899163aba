/**
 * Supervisor events — what supervision publishes on the event bus (LUA_API.md §5).
 *
 * Terms: every event is `{system = "supervisor", kind, path = the child's entry id, data}`:
 * - `service.start`   a run is up (its body was built): `{pid, restarts}`
 * - `service.stop`    a run ended without error and is not restarted now:
 *                     `{pid, state = "stopped" | "exited", restart_in_ms?}`
 * - `service.restart` a restart is scheduled: `{delay_ms, attempt, cause}` (`cause` is the child
 *                     whose exit triggered it: itself, or a sibling under one_for_all / rest_for_one)
 * - `service.failed`  a run ended with an error: `{pid, state = "failed" | "terminal" | "stopped",
 *                     error = {kind, message, retryable?}, why?}`
 * `data` holds plain JSON values only, so the bus can hand it to Lua as a table.
 *
 * In: facts from a supervisor. Out: `SupervisorEvent` values for the injected `publish`.
 */

import type { WippyError } from "../kernel";

export const SUPERVISOR_SYSTEM = "supervisor";

export const SUPERVISOR_EVENT = {
  START: "service.start",
  STOP: "service.stop",
  RESTART: "service.restart",
  FAILED: "service.failed",
} as const;

export type SupervisorEventKind = (typeof SUPERVISOR_EVENT)[keyof typeof SUPERVISOR_EVENT];

export type EventData = Readonly<Record<string, string | number | boolean | null | Readonly<Record<string, string | boolean>>>>;

export interface SupervisorEvent {
  readonly system: typeof SUPERVISOR_SYSTEM;
  readonly kind: SupervisorEventKind;
  readonly path: string;
  readonly data: EventData;
}

export type Publish = (event: SupervisorEvent) => void;

export const supervisorEvent = (kind: SupervisorEventKind, path: string, data: EventData): SupervisorEvent => ({
  system: SUPERVISOR_SYSTEM,
  kind,
  path,
  data,
});

export function errorData(error: WippyError): Readonly<Record<string, string | boolean>> {
  return error.retryable === undefined
    ? { kind: error.kind, message: error.message }
    : { kind: error.kind, message: error.message, retryable: error.retryable };
}
