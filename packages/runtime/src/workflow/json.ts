/**
 * Values between the sandbox, the history and the outside: Lua plain data (`copyOut`) ↔
 * `JsonValue` (what a history holds), and `WippyError` ↔ `WorkflowError`.
 *
 * - `toJson`: nil/undefined → null (so `nil` results round-trip as nil), non-finite numbers →
 *   null, byte strings → text (UTF-8, lossy), error objects → `{kind, message, …}` tables,
 *   everything else as is. Values from `copyOut` are acyclic, so this never loops.
 * - `toWorkflowError` / `toWippyError`: kind, message, retryable and details kept; a kind this
 *   runtime does not know (`NonDeterminism`) becomes UNKNOWN in Lua with the original in
 *   `details.kind`.
 */
import type { JsonValue, WorkflowError } from "@wippy/shared";
import { isErrorKind, wippyError, type ExitResult, type WippyError } from "../kernel";

const decoder = new TextDecoder();

export function toJson(value: unknown): JsonValue {
  if (value === undefined || value === null) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Uint8Array) return decoder.decode(value);
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === "object") {
    const out: { [key: string]: JsonValue } = {};
    if (isErrorLike(value)) return errorJson(toWorkflowError(value));
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJson(v);
    return out;
  }
  return null;
}

function isErrorLike(value: object): value is WippyError {
  return "kind" in value && "message" in value && typeof (value as WippyError).message === "string" && value.constructor !== Object;
}

function errorJson(error: WorkflowError): JsonValue {
  const out: { [key: string]: JsonValue } = { kind: error.kind, message: error.message };
  if (error.retryable !== undefined) out.retryable = error.retryable;
  if (error.details !== undefined) out.details = error.details;
  return out;
}

export function toWorkflowError(error: WippyError): WorkflowError {
  const out: WorkflowError = { kind: error.kind, message: error.message };
  if (error.retryable !== undefined) out.retryable = error.retryable;
  if (error.details !== undefined) out.details = toJson(error.details);
  return out;
}

export function toWippyError(error: WorkflowError): WippyError {
  const details = error.details !== null && typeof error.details === "object" && !Array.isArray(error.details) ? error.details : error.details === undefined ? undefined : { value: error.details };
  if (isErrorKind(error.kind)) return wippyError(error.kind, error.message, { retryable: error.retryable, details });
  return wippyError("", error.message, { retryable: error.retryable, details: { ...details, kind: error.kind } });
}

/** What a monitor of a run sees when it ends. */
export function exitResultOf(run: { result?: JsonValue; error?: WorkflowError }): ExitResult {
  if (run.error !== undefined) return { error: toWippyError(run.error) };
  return { value: run.result ?? undefined };
}
