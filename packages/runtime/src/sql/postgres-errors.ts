/**
 * PostgreSQL failures as Wippy errors (pure): what a thrown postgres.js / socket error becomes
 * when it reaches Lua as `nil, err` (LUA_API.md §6).
 *
 * By SQLSTATE (server errors; the code goes to `details.sqlstate`, with the server's detail,
 * hint, constraint, table, column and position when it gave them):
 * - 23505 unique_violation → `AlreadyExists`; other class 23 (integrity) and class 22 (bad
 *   data) → `Invalid`; class 42 (syntax, unknown table or column…) → `Invalid`, except 42501
 *   → `PermissionDenied`; classes 25 (transaction state), 3B (savepoints) and 0A (feature not
 *   supported) → `Invalid`; class 28 (authorization) → `PermissionDenied` — none retryable.
 * - class 40 (serialization failure, deadlock) → `Conflict`, retryable.
 * - class 08 (connection), 53 (insufficient resources), 57P01–57P05 (shutdown, cannot
 *   connect now) → `Unavailable`, retryable; 57014 (canceled, statement timeout) → `Canceled`.
 * - anything else → `Internal`, not retryable.
 * Without SQLSTATE: socket failures (refused, reset, timed out, unknown host) and
 * postgres.js's connection errors (CONNECT_TIMEOUT, CONNECTION_CLOSED/ENDED/DESTROYED) →
 * `Unavailable`, retryable; UNSAFE_TRANSACTION (a BEGIN outside db:begin) and bad values →
 * `Invalid`; the rest → `Internal`.
 *
 * In: a thrown value and the entry id. Out: a `WippyError`.
 */
import { wippyError, type ErrorKind, type WippyError } from "../kernel";

interface Classified {
  readonly kind: ErrorKind;
  readonly retryable: boolean;
}

const UNAVAILABLE: Classified = { kind: "Unavailable", retryable: true };
const INVALID: Classified = { kind: "Invalid", retryable: false };
const INTERNAL: Classified = { kind: "Internal", retryable: false };

export function classifySqlState(code: string): Classified {
  if (code === "23505") return { kind: "AlreadyExists", retryable: false };
  if (code === "42501") return { kind: "PermissionDenied", retryable: false };
  if (code === "57014") return { kind: "Canceled", retryable: false };
  if (/^57P0[1-5]$/.test(code)) return UNAVAILABLE;
  switch (code.slice(0, 2)) {
    case "22":
    case "23":
    case "25":
    case "3B":
    case "0A":
    case "42":
      return INVALID;
    case "28":
      return { kind: "PermissionDenied", retryable: false };
    case "40":
      return { kind: "Conflict", retryable: true };
    case "08":
    case "53":
      return UNAVAILABLE;
    default:
      return INTERNAL;
  }
}

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE", "ECONNABORTED"]);
const CONNECTION_CODES = new Set(["CONNECT_TIMEOUT", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED"]);

/** The server error's fields worth showing, under Wippy-style snake_case names. */
const SERVER_FIELDS = { detail: "detail", hint: "hint", constraint_name: "constraint", table_name: "table", column_name: "column", position: "position" } as const;

interface ThrownFields {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly severity?: unknown;
  readonly [field: string]: unknown;
}

const isServerError = (e: ThrownFields): boolean => typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code) && typeof e.severity === "string";

export function sqlError(thrown: unknown, id: string): WippyError {
  const e: ThrownFields = typeof thrown === "object" && thrown !== null ? (thrown as ThrownFields) : { message: String(thrown) };
  const message = typeof e.message === "string" && e.message !== "" ? e.message : String(thrown);
  const code = typeof e.code === "string" ? e.code : undefined;
  if (code !== undefined && isServerError(e)) {
    const { kind, retryable } = classifySqlState(code);
    const details: Record<string, unknown> = { database: id, sqlstate: code };
    for (const [from, to] of Object.entries(SERVER_FIELDS)) if (e[from] !== undefined) details[to] = e[from];
    return wippyError(kind, message, { retryable, details });
  }
  if (code !== undefined && (NETWORK_CODES.has(code) || CONNECTION_CODES.has(code))) {
    return wippyError("Unavailable", `database ${id} is not reachable: ${message}`, { retryable: true, details: { database: id, code } });
  }
  if (code === "UNSAFE_TRANSACTION") {
    return wippyError("Invalid", "transactions are started with db:begin(), not with a BEGIN statement", { retryable: false, details: { database: id, code } });
  }
  const { kind, retryable } = code === "UNDEFINED_VALUE" || code === "MAX_PARAMETERS_EXCEEDED" ? INVALID : INTERNAL;
  return wippyError(kind, `database ${id}: ${message}`, { retryable, details: code === undefined ? { database: id } : { database: id, code } });
}
