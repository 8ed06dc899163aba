/**
 * ErrorValue — a Wippy error object as Lua sees it (`errors.new`, `nil, err` returns, raised
 * errors, `result.error` of EXIT events). LUA_API.md §6.
 *
 * Terms:
 * - It is a `WippyError` (kind, message, retryable, details), so the kernel can carry it in
 *   exit reasons unchanged, plus what only Lua produces: `stack` (a Lua traceback) and, for
 *   crashes, `entry` and `line` (where the process died).
 * - Immutable: `errors.wrap` and the crash path make new values. Errors cross processes as
 *   they are (they hold only plain data).
 *
 * In: a kind and message (or any `WippyError`). Out: an `ErrorValue`.
 */
import type { ErrorKind, WippyError } from "../../kernel";

export interface ErrorValueExtras {
  readonly retryable?: boolean;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly stack?: string;
  readonly entry?: string;
  readonly line?: number;
}

export class ErrorValue implements WippyError {
  readonly retryable?: boolean;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly stack?: string;
  readonly entry?: string;
  readonly line?: number;

  constructor(
    readonly kind: ErrorKind,
    readonly message: string,
    extras: ErrorValueExtras = {},
  ) {
    if (extras.retryable !== undefined) this.retryable = extras.retryable;
    if (extras.details !== undefined) this.details = extras.details;
    if (extras.stack !== undefined) this.stack = extras.stack;
    if (extras.entry !== undefined) this.entry = extras.entry;
    if (extras.line !== undefined) this.line = extras.line;
  }

  with(extras: ErrorValueExtras): ErrorValue {
    return new ErrorValue(this.kind, this.message, { ...this.extras(), ...extras });
  }

  extras(): ErrorValueExtras {
    return { retryable: this.retryable, details: this.details, stack: this.stack, entry: this.entry, line: this.line };
  }

  toString(): string {
    return this.message;
  }
}

export function asErrorValue(error: WippyError): ErrorValue {
  if (error instanceof ErrorValue) return error;
  return new ErrorValue(error.kind, error.message, { retryable: error.retryable, details: error.details });
}

export function errorValue(kind: ErrorKind, message: string, extras?: ErrorValueExtras): ErrorValue {
  return new ErrorValue(kind, message, extras);
}
