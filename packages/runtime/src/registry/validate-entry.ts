/**
 * Checks an entry of a known kind against its schema.
 *
 * In: an entry (data as written, references already absolute). Out: problems, each with the
 * path of the field it concerns, rooted at `data` or `meta` — errors for fields of the wrong
 * type or value, warnings for fields the schema does not name (kept; see kind-schemas.ts).
 * Unknown kinds are not checked here.
 */
import { z } from "zod";
import type { Entry, JsonValue } from "@wippy/shared";
import type { FieldPath } from "./definition-file";
import { formatPath, isJsonObject } from "./json-value";
import { KIND_SPECS, isKnownKind, metaSchema } from "./kind-schemas";

export interface FieldProblem {
  /** Rooted at `data` or `meta`; `["data"]` alone means the entry as a whole. */
  path: FieldPath;
  message: string;
}

export function validateEntry(entry: Entry): { errors: FieldProblem[]; warnings: FieldProblem[] } {
  if (!isKnownKind(entry.kind)) return { errors: [], warnings: [] };
  const spec = KIND_SPECS[entry.kind];
  const errors = [...schemaErrors(spec.data, entry.data, "data"), ...schemaErrors(metaSchema, entry.meta, "meta")];
  const warnings = spec.warnUnknownFields ? unknownFields(spec.data, entry.data, ["data"]) : [];
  return { errors, warnings };
}

function schemaErrors(schema: z.ZodType, value: JsonValue, root: "data" | "meta"): FieldProblem[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    const absent = valueAt(value, path) === undefined;
    const name = formatPath(path);
    const message = absent && path.length > 0 ? `${name} is required` : `${name}: ${issue.message}`;
    return { path: [root, ...path], message };
  });
}

function valueAt(value: JsonValue | undefined, path: readonly (string | number)[]): JsonValue | undefined {
  let current = value;
  for (const part of path) {
    if (Array.isArray(current) && typeof part === "number") current = current[part];
    else if (isJsonObject(current) && typeof part === "string") current = current[part];
    else return undefined;
  }
  return current;
}

/** Fields present in `value` that the object schemas along the way do not name. */
function unknownFields(schema: z.ZodType, value: JsonValue | undefined, path: (string | number)[]): FieldProblem[] {
  const object = unwrapObject(schema);
  if (!object || !isJsonObject(value)) return [];
  const out: FieldProblem[] = [];
  for (const [key, child] of Object.entries(value)) {
    const childSchema = object.shape[key] as z.ZodType | undefined;
    const childPath = [...path, key];
    if (childSchema === undefined) out.push({ path: childPath, message: `${formatPath(childPath.slice(1))}: unknown field, kept but not used` });
    else out.push(...unknownFields(childSchema, child, childPath));
  }
  return out;
}

function unwrapObject(schema: z.ZodType): z.ZodObject | null {
  let current: z.ZodType = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap() as z.ZodType;
  return current instanceof z.ZodObject ? current : null;
}
