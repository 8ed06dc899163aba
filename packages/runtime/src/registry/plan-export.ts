/**
 * Plans an export: which files to write, with what text. Pure — nothing touches the disk
 * here, so the whole plan is checked before the first byte is written.
 *
 * In: registry entries. Out: application-relative paths → file contents, laid out as
 * export-layout.ts describes, or the reasons the entries cannot be written faithfully
 * (invalid entries, duplicate ids, a data field named like a reserved one).
 */
import { entrySchema } from "@wippy/shared";
import type { Entry, JsonObject } from "@wippy/shared";
import { compareText } from "./diagnostic";
import type { Diagnostic } from "./diagnostic";
import { INDEX_FILE, PathClaims, UNEXPORTABLE_SEGMENTS, namespaceFolder, orderFields } from "./export-layout";
import { isLuaKind } from "./kind-schemas";
import { renderDefinitionFile } from "./render-yaml";
import { RESERVED_FIELDS } from "./read-entry";
import { FILE_SOURCE_PREFIX } from "./source-file";

export type ExportPlan = { ok: true; files: Map<string, string> } | { ok: false; errors: Diagnostic[] };

/** `label` names the destination in diagnostics (the export folder as the caller wrote it). */
export function planExport(entries: readonly Entry[], label: string): ExportPlan {
  const errors: Diagnostic[] = [];
  const byNamespace = new Map<string, { name: string; entry: Entry }[]>();
  const seen = new Set<string>();
  for (const entry of entries) {
    const problem = entryProblem(entry, seen);
    if (problem) {
      errors.push({ file: label, entryId: String(entry.id), message: problem });
      continue;
    }
    seen.add(entry.id);
    const at = entry.id.indexOf(":");
    const namespace = entry.id.slice(0, at);
    byNamespace.set(namespace, [...(byNamespace.get(namespace) ?? []), { name: entry.id.slice(at + 1), entry }]);
  }
  if (errors.length > 0) return { ok: false, errors };

  const files = new Map<string, string>();
  const claims = new PathClaims();
  for (const namespace of [...byNamespace.keys()].sort(compareText)) {
    const folder = namespaceFolder(namespace);
    const yamlPath = claims.claim(`${folder}/${INDEX_FILE}`);
    const list = (byNamespace.get(namespace) ?? []).sort((a, b) => compareText(a.name, b.name));
    const written = list.map(({ name, entry }) => {
      const fields: JsonObject = { name, kind: entry.kind };
      if (Object.keys(entry.meta).length > 0) fields.meta = entry.meta;
      const data: JsonObject = { ...entry.data };
      const source = data.source;
      const sideFile = typeof source === "string" && (isLuaKind(entry.kind) || source.startsWith(FILE_SOURCE_PREFIX));
      if (sideFile) {
        const path = claims.claim(`${folder}/${name}${isLuaKind(entry.kind) ? ".lua" : ".src"}`);
        files.set(path, source);
        data.source = `${FILE_SOURCE_PREFIX}${path.slice(folder.length + 1)}`;
      }
      return orderFields({ ...fields, ...data });
    });
    files.set(yamlPath, renderDefinitionFile(namespace, written));
  }
  return { ok: true, files };
}

function entryProblem(entry: Entry, seen: ReadonlySet<string>): string | null {
  const parsed = entrySchema.safeParse(entry);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `not a valid entry: ${issue ? `${issue.path.join(".") || "entry"}: ${issue.message}` : "unknown problem"}`;
  }
  if (seen.has(entry.id)) return "duplicate entry id";
  const reserved = RESERVED_FIELDS.filter((field) => Object.hasOwn(entry.data, field));
  if (reserved.length > 0) {
    return `data field ${reserved.map((f) => `"${f}"`).join(", ")} cannot be written: on disk ${RESERVED_FIELDS.join(", ")} are the entry's own fields`;
  }
  const segment = entry.id.slice(0, entry.id.indexOf(":")).split(".").find((s) => UNEXPORTABLE_SEGMENTS.has(s));
  if (segment) return `namespace segment "${segment}" would be a folder the loader skips`;
  return null;
}
