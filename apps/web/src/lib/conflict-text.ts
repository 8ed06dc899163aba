/**
 * The three sides of a conflict as text for the diff editor. Lua entries compare by source (what
 * people edit); anything else compares as pretty JSON of kind, meta and data. When sources are
 * compared but other fields differ too, `otherChanges` says so, since the source diff hides it.
 */
import { canonicalJson, type Entry, type JsonObject } from "@wippy/shared";

export type ConflictMode = "source" | "json";

export interface ConflictText {
  mode: ConflictMode;
  base: string;
  theirs: string;
  yours: string;
  otherChanges: string | null;
}

function source(entry: Entry | null): string | null {
  const s = entry?.data.source;
  return typeof s === "string" ? s : null;
}

function withoutSource(entry: Entry | null): unknown {
  if (!entry) return null;
  const { source: _source, ...data } = entry.data;
  return { kind: entry.kind, meta: entry.meta, data };
}

function asJson(entry: Entry | null): string {
  return entry ? JSON.stringify({ kind: entry.kind, meta: entry.meta, data: entry.data }, null, 2) : "";
}

export function conflictText(base: Entry | null, theirs: Entry | null, yours: Entry | null): ConflictText {
  const sources = [base, theirs, yours].map(source);
  if (sources.some((s) => s !== null)) {
    const fieldsDiffer = canonicalJson(withoutSource(theirs)) !== canonicalJson(withoutSource(yours));
    return {
      mode: "source",
      base: sources[0] ?? "",
      theirs: sources[1] ?? "",
      yours: sources[2] ?? "",
      otherChanges: fieldsDiffer ? "Fields other than the source differ too; saving keeps yours (see the YAML tab after taking theirs to compare)." : null,
    };
  }
  return { mode: "json", base: asJson(base), theirs: asJson(theirs), yours: asJson(yours), otherChanges: null };
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The entry to save from the merge editor's text. */
export function mergedEntry(mode: ConflictMode, yours: Entry, text: string): { entry: Entry } | { error: string } {
  if (mode === "source") return { entry: { ...yours, data: { ...yours.data, source: text } } };
  try {
    const parsed: unknown = JSON.parse(text);
    if (!isObject(parsed) || typeof parsed.kind !== "string" || !isObject(parsed.meta) || !isObject(parsed.data)) {
      return { error: "The merge must be a JSON object with kind, meta and data." };
    }
    return { entry: { id: yours.id, kind: parsed.kind, meta: parsed.meta, data: parsed.data } };
  } catch (caught) {
    return { error: `The merge is not valid JSON: ${caught instanceof Error ? caught.message : String(caught)}` };
  }
}
