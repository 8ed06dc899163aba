/**
 * Parses one YAML file and, when it is a definition file, returns its entries as written, each
 * able to say where in the file any of its fields is.
 *
 * Terms:
 * - Definition file: a YAML map with top-level `namespace:` and `entries:`. `version:` may
 *   appear and is ignored. Any other YAML file is not ours and is ignored.
 * - Entry as written (`WrittenEntry`): one item of `entries:` — the whole map including the
 *   reserved `name`, `kind` and `meta`, converted to JSON.
 *
 * A file that is not valid YAML is an error only when it looks like a definition file (it has
 * `namespace:` and `entries:` lines); otherwise it is someone else's file and gets a warning.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from "yaml";
import type { Node, YAMLMap } from "yaml";
import { isValidNamespace } from "@wippy/shared";
import type { JsonObject } from "@wippy/shared";
import { at } from "./diagnostic";
import type { Diagnostic, Position } from "./diagnostic";
import { formatPath, isJsonObject, toJsonValue } from "./json-value";

export type FieldPath = readonly (string | number)[];

export interface WrittenEntry {
  /** Application-relative path of the YAML file. */
  file: string;
  namespace: string;
  position: Position;
  fields: JsonObject;
  /** Where the value at `path` starts; the nearest written ancestor when it is absent. */
  positionOf(path: FieldPath): Position;
  /** The YAML line holding line 1 of a string's text (the line after `|` for block scalars). */
  textStartLine(path: FieldPath): number;
}

export interface DefinitionFile {
  file: string;
  namespace: string;
  entries: WrittenEntry[];
}

export interface ParsedFile {
  definition: DefinitionFile | null;
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

const TOP_LEVEL_KEYS = new Set(["version", "namespace", "entries"]);
const LOOKS_LIKE_DEFINITION = [/^namespace\s*:/m, /^entries\s*:/m];

export function parseDefinitionFile(text: string, file: string): ParsedFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const positionAt = (offset: number): Position => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  if (doc.errors.length > 0) {
    const looksOurs = LOOKS_LIKE_DEFINITION.every((re) => re.test(text));
    const found = doc.errors.map((e) => at(file, positionAt(e.pos[0]), `invalid YAML: ${firstLine(e.message)}`));
    if (looksOurs) return { definition: null, errors: found, warnings: [] };
    const first = found[0] as Diagnostic;
    return { definition: null, errors: [], warnings: [{ ...first, message: `${first.message} (not a definition file; ignored)` }] };
  }
  const root = doc.contents;
  if (!isMap(root)) return { definition: null, errors: [], warnings: [] };
  const hasNamespace = root.has("namespace");
  const hasEntries = root.has("entries");
  if (!hasNamespace && !hasEntries) return { definition: null, errors: [], warnings: [] };
  const rootPosition = positionAt(root.range?.[0] ?? 0);
  if (!hasNamespace || !hasEntries) {
    const missing = hasNamespace ? "entries:" : "namespace:";
    return { definition: null, errors: [], warnings: [at(file, rootPosition, `has no top-level ${missing}; not a definition file, ignored`)] };
  }

  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = doc.warnings.map((w) => at(file, positionAt(w.pos[0]), `YAML: ${firstLine(w.message)}`));
  const where = (node: Node | null | undefined): Position => positionAt(node?.range?.[0] ?? root.range?.[0] ?? 0);
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : "";
    if (!TOP_LEVEL_KEYS.has(key)) warnings.push(at(file, where(pair.key as Node), `top-level field "${key}" ignored`));
  }

  const namespaceNode = root.get("namespace", true);
  const namespace = isScalar(namespaceNode) ? namespaceNode.value : undefined;
  if (typeof namespace !== "string" || !isValidNamespace(namespace)) {
    errors.push(at(file, where(namespaceNode), `namespace must be dotted names like "app.api", got ${JSON.stringify(namespace ?? null)}`));
    return { definition: null, errors, warnings };
  }

  const entriesNode = root.get("entries", true);
  const entries: WrittenEntry[] = [];
  if (entriesNode === null || (isScalar(entriesNode) && entriesNode.value === null)) {
    return { definition: { file, namespace, entries }, errors, warnings };
  }
  if (!isSeq(entriesNode)) {
    errors.push(at(file, where(entriesNode as Node), "entries must be a list of entry maps"));
    return { definition: null, errors, warnings };
  }
  const plain: unknown = doc.toJS({ maxAliasCount: 1000 });
  const plainEntries = (plain as { entries: unknown[] }).entries;
  entriesNode.items.forEach((node, index) => {
    if (!isMap(node)) {
      errors.push(at(file, where(node as Node), `entries[${index}] must be a map with name and kind`));
      return;
    }
    const json = toJsonValue(plainEntries[index]);
    if (!json.ok) {
      errors.push(at(file, positionIn(node, json.path, where), `entries[${index}].${formatPath(json.path)}: ${json.message}`));
      return;
    }
    if (!isJsonObject(json.value)) return;
    entries.push({
      file,
      namespace,
      position: where(node),
      fields: json.value,
      positionOf: (path) => positionIn(node, path, where),
      textStartLine: (path) => {
        const found = walkTo(node, path);
        const line = where(found.node).line;
        const block = found.complete && isScalar(found.node) && (found.node.type === "BLOCK_LITERAL" || found.node.type === "BLOCK_FOLDED");
        return block ? line + 1 : line;
      },
    });
  });
  return { definition: { file, namespace, entries }, errors, warnings };
}

/** The node at `path`, or the deepest written ancestor (`complete` false) when it is absent. */
function walkTo(map: YAMLMap, path: FieldPath): { node: Node; complete: boolean } {
  let node: Node = map;
  for (const part of path) {
    const next: unknown = isMap(node) || isSeq(node) ? node.get(part, true) : undefined;
    if (next === undefined || next === null || typeof next !== "object") return { node, complete: false };
    node = next as Node;
  }
  return { node, complete: true };
}

function positionIn(map: YAMLMap, path: FieldPath, where: (node: Node) => Position): Position {
  return where(walkTo(map, path).node);
}

function firstLine(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "");
}
