/**
 * `loadAppDir(dir)` — reads an application folder into registry entries (LUA_API.md §1).
 *
 * Steps, per entry: read the YAML → entry `{id, kind, meta, data}` → inline `file://` sources
 * → check the fields of known kinds → make references absolute → compile Lua sources with the
 * injected checker. Every problem found along the way is collected (not just the first), each
 * naming its file, line and entry.
 *
 * Out: `LoadResult`. When `errors` is non-empty the caller applies nothing; `entries` then
 * holds what could be read, for display only. Kinds this runtime does not run are kept, with
 * one warning per kind. `files` lists every file the result was read from (definition files
 * and sources), so a watcher knows what to watch.
 */
import { readFile, stat } from "node:fs/promises";
import { relative, resolve, sep } from "node:path";
import type { Entry } from "@wippy/shared";
import { at, compareText, sortDiagnostics } from "./diagnostic";
import type { Diagnostic } from "./diagnostic";
import { parseDefinitionFile } from "./definition-file";
import type { WrittenEntry } from "./definition-file";
import { findYamlFiles } from "./find-yaml-files";
import { formatPath } from "./json-value";
import { isKnownKind, isLuaKind } from "./kind-schemas";
import { checkLuaEntry } from "./lua-entry-check";
import type { CheckLua } from "./lua-entry-check";
import { readEntry } from "./read-entry";
import { resolveReferences } from "./references";
import { resolveSource } from "./source-file";
import type { SourceOrigin } from "./source-file";
import { validateEntry } from "./validate-entry";

export interface LoadOptions {
  /**
   * Compiles Lua without running it; without one, Lua syntax is not checked at load time.
   * A checker that throws has a bug: the exception propagates to the caller.
   */
  checkLua?: CheckLua;
}

export interface LoadResult {
  /** Sorted by id. */
  entries: Entry[];
  /** Namespaces declared by definition files, sorted. */
  namespaces: string[];
  errors: Diagnostic[];
  warnings: Diagnostic[];
  /** Application-relative paths of every file read (definition files and sources), sorted. */
  files: string[];
}

interface Loaded {
  entry: Entry;
  written: WrittenEntry;
  /** Where the source text came from; null when there is no usable text (missing or binary file). */
  origin: SourceOrigin | null;
}

export async function loadAppDir(dir: string, opts: LoadOptions = {}): Promise<LoadResult> {
  const root = resolve(dir);
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const files = new Set<string>();
  const namespaces = new Set<string>();
  const byId = new Map<string, Loaded>();

  const folder = await stat(root).catch(() => null);
  if (!folder?.isDirectory()) {
    return { entries: [], namespaces: [], errors: [{ file: dir, message: folder ? "is not a folder" : "folder not found" }], warnings, files: [] };
  }

  for (const path of await findYamlFiles(root)) {
    const file = relative(root, path).split(sep).join("/");
    const parsed = parseDefinitionFile(await readFile(path, "utf8"), file);
    errors.push(...parsed.errors);
    warnings.push(...parsed.warnings);
    // A broken definition file is still one of ours: a watcher must see its next save.
    if (parsed.definition || parsed.errors.length > 0) files.add(file);
    if (!parsed.definition) continue;
    namespaces.add(parsed.definition.namespace);
    for (const written of parsed.definition.entries) {
      const loaded = await loadEntry(written, root, errors, warnings, files);
      if (!loaded) continue;
      const first = byId.get(loaded.entry.id);
      if (first) {
        const where = `${first.written.file}:${first.written.position.line}`;
        errors.push(at(written.file, written.position, `duplicate entry id: also defined at ${where}`, loaded.entry.id));
        continue;
      }
      byId.set(loaded.entry.id, loaded);
    }
  }

  for (const { entry, origin, written } of byId.values()) {
    if (origin) errors.push(...(await checkLuaEntry(entry, origin, written, opts.checkLua)));
  }
  warnings.push(...unknownKindWarnings([...byId.values()]));

  const entries = [...byId.values()].map((l) => l.entry).sort((a, b) => compareText(a.id, b.id));
  return {
    entries,
    namespaces: [...namespaces].sort(compareText),
    errors: sortDiagnostics(errors),
    warnings: sortDiagnostics(warnings),
    files: [...files].sort(compareText),
  };
}

/** One entry through read → source → validate → references; problems go to `errors`/`warnings`. */
async function loadEntry(
  written: WrittenEntry,
  root: string,
  errors: Diagnostic[],
  warnings: Diagnostic[],
  files: Set<string>,
): Promise<Loaded | null> {
  const read = readEntry(written);
  if (!read.ok) {
    errors.push(read.error);
    return null;
  }
  let entry = read.entry;
  let origin: SourceOrigin | null = { kind: "inline" };
  const source = await resolveSource(entry.data.source, written.file, root);
  const sourceAt = written.positionOf(["source"]);
  switch (source.kind) {
    case "none":
    case "inline":
      break;
    case "file":
      files.add(source.file);
      entry = { ...entry, data: { ...entry.data, source: source.text } };
      origin = { kind: "file", file: source.file };
      break;
    case "binary":
      files.add(source.file);
      // Lua kinds need text to run; other kinds are only stored, so the reference is kept.
      if (isLuaKind(entry.kind)) errors.push(at(written.file, sourceAt, `source file ${source.file} is not UTF-8 text`, entry.id));
      else warnings.push(at(written.file, sourceAt, `source file ${source.file} is not UTF-8 text; the file:// reference is kept as written`, entry.id));
      origin = null;
      break;
    case "error":
      errors.push(at(written.file, sourceAt, source.message, entry.id));
      origin = null;
      break;
    default: {
      const never: never = source;
      throw new Error(`unhandled source ${JSON.stringify(never)}`);
    }
  }

  // Validate what was written, then resolve: a reference with the wrong type is reported once.
  const checked = validateEntry(entry);
  const resolved = resolveReferences(entry);
  entry = resolved.entry;
  const reported = new Set(checked.errors.map((p) => formatPath(p.path)));
  const problems = [...checked.errors, ...resolved.problems.filter((p) => !reported.has(formatPath(p.path)))];
  // Field paths are rooted at `data` or `meta`; on disk, data fields sit on the entry itself.
  const place = (path: readonly (string | number)[]) => written.positionOf(path[0] === "data" ? path.slice(1) : path);
  for (const p of problems) errors.push(at(written.file, place(p.path), p.message, entry.id));
  for (const p of checked.warnings) warnings.push(at(written.file, place(p.path), p.message, entry.id));
  return { entry, written, origin };
}

function unknownKindWarnings(loaded: Loaded[]): Diagnostic[] {
  const byKind = new Map<string, Loaded[]>();
  for (const l of loaded) {
    if (isKnownKind(l.entry.kind)) continue;
    byKind.set(l.entry.kind, [...(byKind.get(l.entry.kind) ?? []), l]);
  }
  return [...byKind].map(([kind, list]) => {
    const first = list[0] as Loaded;
    const count = list.length === 1 ? "1 entry" : `${list.length} entries`;
    return at(first.written.file, first.written.position, `kind "${kind}" (${count}) is stored, but nothing runs it`, first.entry.id);
  });
}
