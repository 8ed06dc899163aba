/**
 * A structured diff of two JSON values for people: one row per changed leaf path, so a change
 * deep in `lifecycle.restart` reads as one line. Arrays of scalars compare as a whole value
 * (a list of modules reads better as "a, b → a, b, c" than index by index).
 */
import type { JsonValue } from "@wippy/shared";

export type JsonDiffOp = "added" | "removed" | "changed";

export interface JsonDiffRow {
  path: string;
  op: JsonDiffOp;
  before?: JsonValue;
  after?: JsonValue;
}

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isScalarArray(value: JsonValue | undefined): boolean {
  return Array.isArray(value) && value.every((v) => v === null || typeof v !== "object");
}

function join(base: string, key: string | number): string {
  if (typeof key === "number") return `${base}[${key}]`;
  return base === "" ? key : `${base}.${key}`;
}

function same(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function diffJson(before: JsonValue | undefined, after: JsonValue | undefined, path = ""): JsonDiffRow[] {
  if (same(before, after)) return [];
  if (before === undefined) return [{ path, op: "added", after }];
  if (after === undefined) return [{ path, op: "removed", before }];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => diffJson(before[key], after[key], join(path, key)));
  }
  if (Array.isArray(before) && Array.isArray(after) && !(isScalarArray(before) && isScalarArray(after))) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, i) => diffJson(before[i], after[i], join(path, i))).flat();
  }
  return [{ path, op: "changed", before, after }];
}

/** One line of JSON for a table cell; long strings keep their newlines. */
export function formatJsonValue(value: JsonValue | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  if (isScalarArray(value)) return (value as JsonValue[]).map((v) => JSON.stringify(v)).join(", ");
  return JSON.stringify(value);
}
