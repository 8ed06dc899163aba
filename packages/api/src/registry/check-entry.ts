/**
 * Checks an entry before it is written from the control plane, with the loader's rules
 * (LUA_API.md §1): fields of known kinds checked against their schemas, references made
 * absolute, Lua sources compiled by the dialect loader, and a source returning a table must
 * name its `method`. Data fields named `name`, `kind` or `meta` are refused: they could not be
 * written in the entry format on disk.
 *
 * Out: the entry as it will be stored (references absolute) and its problems: errors block the
 * write; warnings (unknown fields, which are kept) do not. Each problem carries the field path,
 * and for Lua errors also the line/column inside the source.
 */
import type { Entry } from "@wippy/shared";
import { detectReturnShape, isKnownKind, KIND_SPECS, resolveReferences, validateEntry } from "@wippy/runtime/registry";
import { checkLua } from "./lua-check";
import { formatPath } from "./references";

export type FieldPath = readonly (string | number)[];

export interface EntryProblem {
  severity: "error" | "warning";
  message: string;
  /** Rooted at `data` or `meta`. */
  path: FieldPath;
  /** For Lua errors: the position inside the source text. */
  line?: number;
  column?: number;
}

export interface CheckedEntry {
  entry: Entry;
  problems: EntryProblem[];
}

const RESERVED_DATA_FIELDS = ["name", "kind", "meta"] as const;
const FILE_SOURCE = "file://";

export function checkEntry(input: Entry): CheckedEntry {
  const problems: EntryProblem[] = [];
  for (const field of RESERVED_DATA_FIELDS) {
    if (Object.hasOwn(input.data, field)) {
      problems.push({ severity: "error", path: ["data", field], message: `a data field cannot be called "${field}": on disk it is the entry's own ${field}` });
    }
  }
  const checked = validateEntry(input);
  const resolved = resolveReferences(input);
  const reported = new Set(checked.errors.map((p) => formatPath(p.path)));
  for (const p of checked.errors) problems.push({ severity: "error", path: p.path, message: p.message });
  for (const p of resolved.problems) if (!reported.has(formatPath(p.path))) problems.push({ severity: "error", path: p.path, message: p.message });
  for (const p of checked.warnings) problems.push({ severity: "warning", path: p.path, message: p.message });
  problems.push(...luaProblems(resolved.entry));
  return { entry: resolved.entry, problems };
}

export function hasErrors(problems: readonly EntryProblem[]): boolean {
  return problems.some((p) => p.severity === "error");
}

function luaProblems(entry: Entry): EntryProblem[] {
  if (!isKnownKind(entry.kind) || !KIND_SPECS[entry.kind].lua) return [];
  const source = entry.data.source;
  if (typeof source !== "string") return [];
  if (source.startsWith(FILE_SOURCE)) {
    return [{ severity: "error", path: ["data", "source"], message: `${source} cannot be read here: put the Lua source itself in the entry` }];
  }
  const syntax = checkLua(source, entry.id);
  if (syntax.length > 0) return syntax.map((d) => ({ ...d, path: ["data", "source"], message: `Lua syntax error: ${d.message}` }));
  if (!KIND_SPECS[entry.kind].needsMethod) return [];
  const shape = detectReturnShape(source);
  if (shape.kind !== "table") return [];
  const method = entry.data.method;
  const choices = shape.keys && shape.keys.length > 0 ? ` (one of: ${shape.keys.join(", ")})` : "";
  if (typeof method !== "string" || method === "") {
    return [{ severity: "error", path: ["data", "method"], message: `the source returns a table of functions; set method to the one to run${choices}` }];
  }
  if (shape.keys && !shape.keys.includes(method)) {
    return [{ severity: "error", path: ["data", "method"], message: `method "${method}" is not in the table the source returns${choices}` }];
  }
  return [];
}
