/**
 * JSON typed by a person: parsed, or the parser's complaint in words. Nothing is sent until
 * the text parses, so a typo never loses what was typed.
 */
import type { JsonValue } from "@wippy/shared";

export type ParsedJson<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseJsonText(text: string): ParsedJson<JsonValue> {
  try {
    return { ok: true, value: JSON.parse(text) as JsonValue };
  } catch (caught) {
    return { ok: false, error: `Not valid JSON: ${caught instanceof Error ? caught.message : String(caught)}` };
  }
}

/** Arguments: a JSON array, one element per parameter. */
export function parseJsonArray(text: string): ParsedJson<JsonValue[]> {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return parsed;
  return Array.isArray(parsed.value) ? { ok: true, value: parsed.value } : { ok: false, error: 'Arguments are a JSON array: [1, "two", {"three": 3}]' };
}

/** Compact JSON for one line (of a JSON value, or a plain object such as a history event), cut at `max` characters. */
export function shortJson(value: unknown, max = 80): string {
  const text = value === undefined ? "" : (JSON.stringify(value) ?? "");
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
