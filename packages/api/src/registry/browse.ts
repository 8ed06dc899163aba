/**
 * Browsing the current registry: the namespace tree and a filtered, paged entry list.
 *
 * Terms:
 * - Namespace node: one dotted segment (`app` → `app.api`); `count` is the number of entries
 *   directly in it, `total` includes every namespace below.
 * - List filters (all must hold): `namespace` (exact; with `recursive`, also everything below),
 *   `kind` (exact), `meta` (each key equals the value; a list in meta matches when any item
 *   does — the registry's own find semantics), `search` (case-insensitive substring of the id,
 *   kind, or meta title/comment/description).
 * - Paging: entries in id order; `cursor` is the last id of the previous page.
 */
import { filterEntries } from "@wippy/shared";
import type { Entry, JsonObject, JsonValue } from "@wippy/shared";

export interface NamespaceNode {
  name: string;
  path: string;
  count: number;
  total: number;
  children: NamespaceNode[];
}

export interface ListFilter {
  namespace?: string;
  recursive?: boolean;
  kind?: string;
  search?: string;
  meta?: Record<string, string>;
  limit: number;
  cursor?: string;
}

export interface EntrySummary {
  id: string;
  namespace: string;
  name: string;
  kind: string;
  meta: JsonObject;
}

export interface EntryPage {
  items: EntrySummary[];
  /** Entries matching the filter, across all pages. */
  total: number;
  nextCursor: string | null;
}

export function namespaceTree(entries: Iterable<Entry>): NamespaceNode[] {
  const roots: NamespaceNode[] = [];
  const byPath = new Map<string, NamespaceNode>();
  const nodeFor = (path: string): NamespaceNode => {
    const existing = byPath.get(path);
    if (existing) return existing;
    const dot = path.lastIndexOf(".");
    const node: NamespaceNode = { name: path.slice(dot + 1), path, count: 0, total: 0, children: [] };
    byPath.set(path, node);
    (dot < 0 ? roots : nodeFor(path.slice(0, dot)).children).push(node);
    return node;
  };
  for (const entry of entries) {
    const namespace = namespaceOf(entry.id);
    nodeFor(namespace).count++;
    for (let path: string | null = namespace; path !== null; path = parentOf(path)) nodeFor(path).total++;
  }
  sortTree(roots);
  return roots;
}

export function listEntries(entries: Iterable<Entry>, filter: ListFilter): EntryPage {
  const query: Record<string, JsonValue | undefined> = { ".kind": filter.kind };
  for (const [key, value] of Object.entries(filter.meta ?? {})) query[`meta.${key}`] = value;
  const needle = filter.search?.trim().toLowerCase() ?? "";
  const matching = filterEntries(entries, query).entries.filter(
    (e) => inNamespace(e.id, filter.namespace, filter.recursive ?? false) && (needle === "" || searchText(e).includes(needle)),
  );
  const start = filter.cursor === undefined ? 0 : matching.findIndex((e) => e.id > (filter.cursor as string));
  const page = start < 0 ? [] : matching.slice(start, start + filter.limit);
  const last = page[page.length - 1];
  const more = start >= 0 && start + filter.limit < matching.length;
  return { items: page.map(summarize), total: matching.length, nextCursor: more && last ? last.id : null };
}

export function summarize(entry: Entry): EntrySummary {
  const at = entry.id.indexOf(":");
  return { id: entry.id, namespace: entry.id.slice(0, at), name: entry.id.slice(at + 1), kind: entry.kind, meta: entry.meta };
}

function inNamespace(id: string, namespace: string | undefined, recursive: boolean): boolean {
  if (namespace === undefined) return true;
  const own = namespaceOf(id);
  return own === namespace || (recursive && own.startsWith(`${namespace}.`));
}

function searchText(entry: Entry): string {
  const meta = ["title", "comment", "description"].map((k) => entry.meta[k]).filter((v): v is string => typeof v === "string");
  return [entry.id, entry.kind, ...meta].join("\n").toLowerCase();
}

function namespaceOf(id: string): string {
  return id.slice(0, id.indexOf(":"));
}

function parentOf(path: string): string | null {
  const dot = path.lastIndexOf(".");
  return dot < 0 ? null : path.slice(0, dot);
}

function sortTree(nodes: NamespaceNode[]): void {
  nodes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const n of nodes) sortTree(n.children);
}
