/**
 * Exit reasons — why a process ended, and what its watchers are told (LUA_API.md §3).
 *
 * Terms (one variant per way to die):
 * - `normal`: the body returned a value → `result = {value}`.
 * - `error`: the body returned `nil, err` → `result = {error}`.
 * - `crash`: the body raised, returned something invalid, or its host code threw.
 * - `terminated`: `process.terminate` (by a pid, or `""` for the system).
 * - `link_down`: killed because a linked process exited with an error while this one had
 *   `trap_links = false`; the error wraps the linked process's error (kind kept).
 * - `shutdown`: its host was removed.
 * Every variant but `normal` is an *error exit*: it sends LINK_DOWN over links.
 *
 * In: a reason. Out: `ExitResult` `{value} | {error}` as seen in EXIT / LINK_DOWN events.
 */

import { assertNever, wippyError, type WippyError } from "./errors";
import type { Pid } from "./pid";

export type ExitReason =
  | { readonly kind: "normal"; readonly value: unknown }
  | { readonly kind: "error"; readonly error: WippyError }
  | { readonly kind: "crash"; readonly error: WippyError }
  | { readonly kind: "terminated"; readonly by: Pid }
  | { readonly kind: "link_down"; readonly from: Pid; readonly error: WippyError }
  | { readonly kind: "shutdown"; readonly host: string };

/** What a body itself can end with; the other reasons come from outside. */
export type BodyExit = Extract<ExitReason, { kind: "normal" | "error" | "crash" }>;

export interface ExitResult {
  readonly value?: unknown;
  readonly error?: WippyError;
}

export const TERMINATED_MESSAGE = "process terminated";

export function isErrorExit(reason: ExitReason): boolean {
  return reason.kind !== "normal";
}

/** The error a `link_down` carries: the linked process's error, wrapped, kind kept. */
export function linkDownError(from: Pid, cause: WippyError): WippyError {
  return wippyError(cause.kind, `linked process ${from} failed: ${cause.message}`, {
    retryable: cause.retryable,
    details: { ...cause.details, linked_pid: from },
  });
}

export function exitResult(reason: ExitReason): ExitResult {
  switch (reason.kind) {
    case "normal":
      return { value: reason.value };
    case "error":
    case "crash":
    case "link_down":
      return { error: reason.error };
    case "terminated":
      return { error: wippyError("Canceled", TERMINATED_MESSAGE, reason.by === "" ? {} : { details: { by: reason.by } }) };
    case "shutdown":
      return { error: wippyError("Canceled", `host ${reason.host} stopped`, { retryable: true }) };
    default:
      return assertNever(reason);
  }
}
