/**
 * What a Lua function returned, as JSON for the control plane. Values out of Lua are already
 * plain data (packages/runtime `copyOut`); what JSON cannot hold is mapped, not dropped:
 * - `undefined` (nil) → null; non-finite numbers → their string ("Infinity", "NaN");
 * - bytes that are not UTF-8 (`Uint8Array`) → a string with U+FFFD for the bad bytes;
 * - an error object inside a value → `{ kind, message }`.
 */
import { ErrorValue } from "@wippy/runtime/lua";
import type { JsonValue } from "@wippy/shared";

export function toJsonValue(value: unknown, depth = 0): JsonValue {
  if (depth > 256) return "…"; // copyOut caps depth at 128: unreachable for Lua values
  if (value === undefined || value === null) return null;
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : String(value);
    case "object":
      break;
    default:
      return String(value);
  }
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (Array.isArray(value)) return value.map((v: unknown) => toJsonValue(v, depth + 1));
  if (value instanceof ErrorValue) return { kind: value.kind, message: value.message };
  const out: { [key: string]: JsonValue } = {};
  for (const [k, v] of Object.entries(value)) out[k] = toJsonValue(v, depth + 1);
  return out;
}
