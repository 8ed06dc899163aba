/**
 * Checks that a value parsed from YAML is plain JSON, as registry entries must be. YAML can
 * express more (`.nan`, `.inf`, binary, maps with non-string keys); those are refused with the
 * path of the first offending value rather than silently changed.
 */
import type { JsonValue } from "@wippy/shared";

export type JsonCheck = { ok: true; value: JsonValue } | { ok: false; path: (string | number)[]; message: string };

export function toJsonValue(value: unknown, path: (string | number)[] = []): JsonCheck {
  if (value === null || typeof value === "string" || typeof value === "boolean") return { ok: true, value };
  if (typeof value === "number") {
    return Number.isFinite(value) ? { ok: true, value } : { ok: false, path, message: `${String(value)} is not a JSON number` };
  }
  if (Array.isArray(value)) {
    const out: JsonValue[] = [];
    for (let i = 0; i < value.length; i++) {
      const item = toJsonValue(value[i], [...path, i]);
      if (!item.ok) return item;
      out.push(item.value);
    }
    return { ok: true, value: out };
  }
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, v] of Object.entries(value)) {
      const item = toJsonValue(v, [...path, key]);
      if (!item.ok) return item;
      out[key] = item.value;
    }
    return { ok: true, value: out };
  }
  const what = value === undefined ? "an empty value" : typeof value === "object" ? (value.constructor?.name ?? "object") : typeof value;
  return { ok: false, path, message: `${what} cannot be stored in a registry entry (JSON values only)` };
}

export function isJsonObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** `lifecycle.restart.max_delay`, `input[0]` — how a field path is written in messages. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out === "" ? part : `.${part}`;
  return out;
}
