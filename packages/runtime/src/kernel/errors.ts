/**
 * Errors as values — the kernel's half of Wippy's `errors` module (LUA_API.md §6).
 *
 * Terms:
 * - `ErrorKind`: Wippy's CamelCase kind strings; `""` is UNKNOWN.
 * - `WippyError`: an immutable error value `{kind, message, retryable?, details?}`.
 *   `retryable` is tri-state: `undefined` means "unknown", which supervision treats as
 *   retryable (only an explicit `false` is terminal).
 * - `Result<T>`: how every expected failure leaves the kernel (Conventions §8): the Lua layer
 *   turns `{ok: false, error}` into `nil, err`.
 * - `Raised`: the one Error subclass the kernel and test behaviours throw to carry a
 *   `WippyError` through a JS stack (a Lua `error(err)` arrives as one too).
 *
 * In: kinds, messages, thrown values. Out: `WippyError` values and `Result`s.
 * The kernel keeps its own small `Result` so that it depends on nothing else in the repo.
 */

export const ERROR_KINDS = [
  "NotFound",
  "AlreadyExists",
  "Invalid",
  "PermissionDenied",
  "Unavailable",
  "Internal",
  "Canceled",
  "Conflict",
  "Timeout",
  "RateLimited",
  "",
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface WippyError {
  readonly kind: ErrorKind;
  readonly message: string;
  readonly retryable?: boolean;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface ErrorExtras {
  retryable?: boolean;
  details?: Readonly<Record<string, unknown>>;
}

export function wippyError(kind: ErrorKind, message: string, extras: ErrorExtras = {}): WippyError {
  const error: { -readonly [K in keyof WippyError]: WippyError[K] } = { kind, message };
  if (extras.retryable !== undefined) error.retryable = extras.retryable;
  if (extras.details !== undefined) error.details = extras.details;
  return Object.freeze(error);
}

/** `errors.wrap`: prefixes the message and keeps kind, retryable and details. */
export function wrapError(error: WippyError, context: string): WippyError {
  return wippyError(error.kind, `${context}: ${error.message}`, error);
}

export function isErrorKind(value: unknown): value is ErrorKind {
  return typeof value === "string" && (ERROR_KINDS as readonly string[]).includes(value);
}

export function isWippyError(value: unknown): value is WippyError {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as { kind?: unknown; message?: unknown };
  return isErrorKind(candidate.kind) && typeof candidate.message === "string";
}

/** A thrown carrier for a `WippyError`; the only thing kernel code throws on purpose. */
export class Raised extends Error {
  constructor(readonly error: WippyError) {
    super(error.message);
    this.name = "Raised";
  }
}

/** Throws `error` (a raise inside a behaviour, as Lua's `error(err)`). */
export function raise(error: WippyError): never {
  throw new Raised(error);
}

/** Turns whatever a behaviour threw into the error of its exit reason. */
export function toWippyError(thrown: unknown): WippyError {
  if (thrown instanceof Raised) return thrown.error;
  if (isWippyError(thrown)) return thrown;
  if (thrown instanceof Error) return wippyError("", thrown.message, { details: { name: thrown.name } });
  return wippyError("", String(thrown));
}

export type Result<T, E = WippyError> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = <E = WippyError>(error: E): Result<never, E> => ({ ok: false, error });

export const notFound = (message: string, extras?: ErrorExtras): Result<never> => fail(wippyError("NotFound", message, extras));
export const invalid = (message: string, extras?: ErrorExtras): Result<never> => fail(wippyError("Invalid", message, extras));

/** For `switch` statements over unions: a new variant becomes a compile error here. */
export function assertNever(value: never): never {
  throw new Error(`unexpected variant: ${JSON.stringify(value)}`);
}
