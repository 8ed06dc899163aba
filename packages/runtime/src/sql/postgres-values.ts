/**
 * Values between PostgreSQL and the `sql` module (pure; no connection here).
 *
 * Out (type parsers handed to postgres.js — text format as the server sends it):
 * - int2/int4/oid/float4/float8 → numbers; bool → booleans; json/jsonb → parsed values;
 *   bytea → bytes; arrays → arrays of their element's mapping (postgres.js).
 * - int8 and numeric → a number when the number prints back as the same decimal
 *   (`exactNumber`), else the text: fengari integers are 32-bit and floats hold ~15 digits, so
 *   an id beyond 2^53 or a numeric(30,10) stays exact as a string.
 * - date → "YYYY-MM-DD"; timestamp/timestamptz → RFC 3339 (`rfc3339`): "T" between date and
 *   time, the offset as `Z` or `±hh:mm`; a timestamp without time zone is read as UTC (as Go's
 *   drivers do). Infinity, BC dates and any other text stay as the server wrote them.
 * - everything else (text, uuid, interval, time, …) → the server's text.
 * In (serializers, by the parameter type the server infers): strings always go as written
 * (a JSON string for a jsonb column is not encoded again, `"true"` for a bool is parsed by the
 * server), tables for json become JSON, booleans for other types become "true"/"false".
 * `bindValues` turns maps into JSON text and pads the parameters with NULL up to the highest
 * `$n` in the SQL (`postgres-sql-text.ts`), so a trailing nil in a Lua table still binds.
 *
 * In: server text, Lua-side parameters. Out: JS values, parameter lists.
 */
import type { SqlParam } from "../lua";

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/** A decimal as (sign, significant digits, exponent): equal keys, equal values. */
function decimalKey(text: string): string | null {
  const m = DECIMAL.exec(text);
  if (m === null) return null;
  const [, sign = "", whole = "", fraction = "", exponent = "0"] = m;
  let digits = whole + fraction;
  let point = whole.length + Number(exponent);
  const leading = digits.length - digits.replace(/^0+/, "").length;
  digits = digits.slice(leading).replace(/0+$/, "");
  point -= leading;
  return digits === "" ? "0" : `${sign === "-" ? "-" : ""}${digits}e${point}`;
}

/** `text` as a number when the number prints back as the same decimal, else `text`. */
export function exactNumber(text: string): number | string {
  const n = Number(text);
  if (!Number.isFinite(n)) return text;
  const key = decimalKey(text);
  return key !== null && key === decimalKey(String(n)) ? n : text;
}

const TIMESTAMP = /^(\d{4,}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)(?:([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?)?$/;

/** A server timestamp (DateStyle ISO) as RFC 3339; other text unchanged. */
export function rfc3339(text: string): string {
  const m = TIMESTAMP.exec(text);
  if (m === null) return text;
  const [, date, time, sign, hours, minutes = "00", seconds] = m;
  if (sign === undefined || hours === undefined) return `${date}T${time}Z`;
  if (seconds !== undefined && seconds !== "00") return text; // an offset in seconds has no RFC 3339 form
  return hours === "00" && minutes === "00" ? `${date}T${time}Z` : `${date}T${time}${sign}${hours}:${minutes}`;
}

const jsonText = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value));

/** postgres.js `types` overrides (by OID) implementing the mapping above. */
export const POSTGRES_TYPES = {
  json: { to: 114, from: [114, 3802], serialize: jsonText, parse: (text: string): unknown => JSON.parse(text) },
  boolean: { to: 16, from: [16], serialize: (value: unknown) => (value === true ? "t" : value === false ? "f" : String(value)), parse: (text: string) => text === "t" },
  date: { to: 1184, from: [1082, 1114, 1184], serialize: (value: unknown) => (value instanceof Date ? value.toISOString() : String(value)), parse: rfc3339 },
  exact: { to: 20, from: [20, 1700], serialize: (value: unknown) => String(value), parse: exactNumber },
};

const isMap = (value: SqlParam): value is { readonly [key: string]: unknown } =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/** The values postgres.js binds for `params` in `sql` (see the contract above). */
export function bindValues(params: readonly SqlParam[], placeholders: number): unknown[] {
  const values: unknown[] = params.map((p) => (isMap(p) ? JSON.stringify(p) : p));
  while (values.length < placeholders) values.push(null);
  return values;
}
