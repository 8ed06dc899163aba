/**
 * The tree model: registry entries as the canvas holds them, and the tree they form.
 *
 * Terms:
 * - `TreeModel.entries`: the `process.supervisor` / `process.service` entries, whole — exactly
 *   what would be written back, so every field the canvas does not edit is kept as it is.
 * - `TreeModel.catalog`: id → kind of every other entry (hosts, processes, dependencies).
 * - `TreeSnapshot`: what the API's `supervision.tree` answers — a registry version, the tree
 *   entries and the catalog.
 * - `TreeIndex`: children per parent in start order, and the nodes no path from the root
 *   reaches (a missing supervisor, or supervisors placed under each other in a cycle).
 *
 * In: a snapshot. Out: a model and the questions the rest of the canvas asks of it.
 */
import { DEFAULT_SUPERVISOR_CONFIG } from "@wippy/runtime/supervision";
import type { Entry } from "@wippy/shared";
import { DEFAULT_ORDER, ROOT_ID, SERVICE_KIND, SUPERVISOR_KIND, TREE_KINDS, type TreeNodeKind } from "./terms";

export interface TreeModel {
  readonly entries: ReadonlyMap<string, Entry>;
  readonly catalog: ReadonlyMap<string, string>;
}

export interface CatalogItem {
  readonly id: string;
  readonly kind: string;
}

export interface TreeSnapshot {
  readonly version: number;
  readonly entries: readonly Entry[];
  readonly catalog: readonly CatalogItem[];
}

export interface TreeIndex {
  /** Per parent id (the root included), its children's ids in start order. */
  readonly children: ReadonlyMap<string, readonly string[]>;
  /** Nodes the root does not reach, in id order. */
  readonly detached: readonly string[];
}

/** Tree entries go to `entries`, everything else to the catalog, whatever the snapshot's split. */
export function buildModel(entries: Iterable<Entry>, catalog: Iterable<CatalogItem> = []): TreeModel {
  const tree = new Map<string, Entry>();
  const others = new Map<string, string>();
  for (const item of catalog) others.set(item.id, item.kind);
  for (const entry of entries) {
    if (TREE_KINDS.has(entry.kind)) tree.set(entry.id, entry);
    else others.set(entry.id, entry.kind);
  }
  for (const id of tree.keys()) others.delete(id);
  return { entries: tree, catalog: others };
}

export function modelFromSnapshot(snapshot: TreeSnapshot): TreeModel {
  return buildModel(snapshot.entries, snapshot.catalog);
}

export function parentOf(entry: Entry): string {
  const parent = entry.meta["supervisor"];
  return typeof parent === "string" && parent.length > 0 ? parent : ROOT_ID;
}

export function orderOf(entry: Entry): number {
  const order = entry.meta["order"];
  return typeof order === "number" ? order : DEFAULT_ORDER;
}

export function nodeKindOf(model: TreeModel, id: string): TreeNodeKind | null {
  if (id === ROOT_ID) return "root";
  const kind = model.entries.get(id)?.kind;
  return kind === SUPERVISOR_KIND ? "supervisor" : kind === SERVICE_KIND ? "service" : null;
}

/** Whether children may be placed under `id` (the root, or a supervisor entry). */
export function isSupervisor(model: TreeModel, id: string): boolean {
  const kind = nodeKindOf(model, id);
  return kind === "root" || kind === "supervisor";
}

/** Whether `id` is taken by any registry entry the canvas knows of (or is the root). */
export function isTaken(model: TreeModel, id: string): boolean {
  return id === ROOT_ID || model.entries.has(id) || model.catalog.has(id);
}

export function compareStartOrder(a: Entry, b: Entry): number {
  return orderOf(a) - orderOf(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function indexTree(model: TreeModel): TreeIndex {
  const byParent = new Map<string, Entry[]>([[ROOT_ID, []]]);
  for (const entry of model.entries.values()) {
    const parent = parentOf(entry);
    const siblings = byParent.get(parent);
    if (siblings) siblings.push(entry);
    else byParent.set(parent, [entry]);
  }
  const children = new Map<string, string[]>();
  for (const [parent, list] of byParent) children.set(parent, list.sort(compareStartOrder).map((e) => e.id));
  const reached = new Set<string>();
  const queue = [ROOT_ID];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    if (id !== ROOT_ID && nodeKindOf(model, id) !== "supervisor") continue;
    for (const child of children.get(id) ?? []) {
      if (reached.has(child)) continue;
      reached.add(child);
      queue.push(child);
    }
  }
  const detached = [...model.entries.keys()].filter((id) => !reached.has(id)).sort();
  return { children, detached };
}

/** The next `meta.order` for a child appended under `parent` (one past its last sibling). */
export function nextOrderUnder(model: TreeModel, parent: string, except?: string): number {
  let last = DEFAULT_ORDER;
  for (const entry of model.entries.values()) {
    if (entry.id !== except && parentOf(entry) === parent) last = Math.max(last, orderOf(entry));
  }
  return last + 1;
}

/** Ids of the catalog entries of one of `kinds`, sorted. */
export function catalogIds(model: TreeModel, kinds: ReadonlySet<string>): string[] {
  return [...model.catalog].filter(([, kind]) => kinds.has(kind)).map(([id]) => id).sort();
}

/** `lifecycle.restart_type` as written (null when not written: the runtime's default applies). */
export function restartTypeOf(entry: Entry): string | null {
  const lifecycle = entry.data["lifecycle"];
  if (lifecycle === null || typeof lifecycle !== "object" || Array.isArray(lifecycle)) return null;
  const value = lifecycle["restart_type"];
  return typeof value === "string" ? value : null;
}

/** A supervisor's strategy and intensity per period, the runtime's defaults where unwritten. */
export function supervisorSettings(entry: Entry): { strategy: string; intensity: number; period: string } {
  const { strategy, intensity, period } = entry.data;
  return {
    strategy: typeof strategy === "string" ? strategy : DEFAULT_SUPERVISOR_CONFIG.strategy,
    intensity: typeof intensity === "number" ? intensity : DEFAULT_SUPERVISOR_CONFIG.intensity,
    period: typeof period === "string" ? period : `${DEFAULT_SUPERVISOR_CONFIG.periodMs / 1000}s`,
  };
}
