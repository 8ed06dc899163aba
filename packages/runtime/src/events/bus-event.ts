/**
 * BusEvent — one event on the event bus (LUA_API.md §5): `{system, kind, path, data}`.
 *
 * Terms: `system` names the publisher (`registry`, `supervisor`, `orders`), `kind` what
 * happened (`entry.create`), `path` the thing it happened to (an entry id, `/orders/123`).
 * `data` is present only when the publisher supplied a non-nil payload. Delivered events are
 * frozen and shared by every subscriber: publishers hand the payload over and must not change
 * it afterwards (the Lua layer copies it into each process anyway).
 *
 * In: what a publisher passes. Out: the frozen event, or `Invalid` for an empty field.
 */
import { fail, ok, wippyError } from "../kernel";
import type { Result } from "../kernel";

export interface BusEvent {
  readonly system: string;
  readonly kind: string;
  readonly path: string;
  readonly data?: unknown;
}

export function toBusEvent(event: BusEvent): Result<BusEvent> {
  for (const field of ["system", "kind", "path"] as const) {
    const value: unknown = event[field];
    if (typeof value !== "string" || value === "") {
      return fail(wippyError("Invalid", `event ${field} must be a non-empty string`, { retryable: false }));
    }
  }
  const { system, kind, path, data } = event;
  return ok(Object.freeze(data === undefined || data === null ? { system, kind, path } : { system, kind, path, data }));
}
