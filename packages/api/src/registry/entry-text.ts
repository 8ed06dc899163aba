/**
 * One entry as YAML text in the Wippy entry format (LUA_API.md §1), for the editor's YAML view:
 * a definition file with `namespace:` and a single item under `entries:` — `name`, `kind`,
 * `meta`, and the data fields on the entry itself, Lua source inline as a block.
 *
 * Rendering and reading use the runtime's own definition-file code (`renderDefinitionFile`,
 * `parseDefinitionFile`, `readEntry`), so the text is what `wippy export` writes for the entry
 * and what `wippy apply` would read from it. Reading then runs `checkEntry` and maps every
 * problem to a line and column of the text.
 */
import type { Entry, JsonObject } from "@wippy/shared";
import { orderFields, parseDefinitionFile, readEntry, renderDefinitionFile } from "@wippy/runtime/registry";
import type { Diagnostic } from "../problems";
import { checkEntry, type EntryProblem } from "./check-entry";
import { formatPath } from "./references";

/** The name diagnostics give the text (it is not a file). */
const TEXT_NAME = "entry.yaml";

export type ParsedEntryText = { ok: true; entry: Entry; warnings: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

export function entryToYaml(entry: Entry): string {
  const at = entry.id.indexOf(":");
  const fields: JsonObject = { name: entry.id.slice(at + 1), kind: entry.kind };
  if (Object.keys(entry.meta).length > 0) fields.meta = entry.meta;
  return renderDefinitionFile(entry.id.slice(0, at), [orderFields({ ...fields, ...entry.data })]);
}

export function parseEntryYaml(text: string): ParsedEntryText {
  const parsed = parseDefinitionFile(text, TEXT_NAME);
  const fileErrors = parsed.errors.map((d) => located("error", d.message, d.line, d.column));
  if (fileErrors.length > 0) return { ok: false, diagnostics: fileErrors };
  const definition = parsed.definition;
  if (!definition) {
    const why = parsed.warnings[0]?.message ?? "not an entry definition";
    return { ok: false, diagnostics: [located("error", `${why}: write namespace: and entries: with one entry`, 1, 1)] };
  }
  const [written, ...others] = definition.entries;
  if (!written) return { ok: false, diagnostics: [located("error", "entries: is empty: write one entry (name, kind, meta and its fields)", 1, 1)] };
  if (others.length > 0) {
    const second = others[0]?.position;
    return { ok: false, diagnostics: [located("error", "only one entry can be edited here", second?.line, second?.column)] };
  }
  const read = readEntry(written);
  if (!read.ok) return { ok: false, diagnostics: [located("error", read.error.message, read.error.line, read.error.column)] };

  const { entry, problems } = checkEntry(read.entry);
  const lines = text.split(/\r?\n/);
  const source = typeof read.entry.data.source === "string" ? read.entry.data.source.split(/\r?\n/) : [];
  const place = (p: EntryProblem): Diagnostic => {
    const fieldPath = p.path[0] === "data" ? p.path.slice(1) : p.path;
    if (p.line !== undefined && fieldPath.length === 1 && fieldPath[0] === "source") {
      // A line of the source text is a line of the YAML block that holds it, shifted by its indentation.
      const line = written.textStartLine(["source"]) + p.line - 1;
      const indent = Math.max(0, (lines[line - 1]?.length ?? 0) - (source[p.line - 1]?.length ?? 0));
      return { ...located(p.severity, p.message, line, (p.column ?? 1) + indent), path: formatPath(p.path) };
    }
    const at = written.positionOf(fieldPath);
    return { ...located(p.severity, p.message, at.line, at.column), path: formatPath(p.path) };
  };
  const placed = problems.map(place);
  const errors = placed.filter((d) => d.severity === "error");
  if (errors.length > 0) return { ok: false, diagnostics: placed };
  return { ok: true, entry, warnings: [...parsed.warnings.map((d) => located("warning", d.message, d.line, d.column)), ...placed] };
}

function located(severity: Diagnostic["severity"], message: string, line: number | undefined, column: number | undefined): Diagnostic {
  return { severity, message, line: line ?? 1, column: column ?? 1 };
}
