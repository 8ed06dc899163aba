/**
 * RegistrySnapshot — the registry at one version, immutable: what the node's view answers every
 * lookup from, and what `registry.snapshot()` hands out.
 *
 * Terms:
 * - state: entries by id plus an index of entries by kind. Once a snapshot has been handed out
 *   its maps are never written again (the view copies before its next change: copy-on-write).
 * - Entries are deep-frozen on their way into the view, so snapshots, change notifications and
 *   readers share them without copying.
 *
 * In: a version number and a state. Out: `get`, `find` (the shared LUA_API §7 filter — the same
 * answers as `RegistryStore.find`), `entries`, `namespace`, `entriesOfKind`; every list sorted by
 * id and frozen.
 */
import { filterEntries } from "@wippy/shared";
import type { Entry, JsonValue } from "@wippy/shared";

export interface RegistryState {
  readonly byId: Map<string, Entry>;
  readonly byKind: Map<string, Map<string, Entry>>;
}

export type FindFilter = Record<string, JsonValue | undefined>;

export interface FindResult {
  entries: Entry[];
  warnings: string[];
}

export class RegistrySnapshot {
  private sorted: readonly Entry[] | undefined;
  private readonly kindLists = new Map<string, readonly Entry[]>();

  constructor(
    readonly version: number,
    private readonly state: RegistryState,
  ) {}

  static empty(): RegistrySnapshot {
    return new RegistrySnapshot(0, { byId: new Map(), byKind: new Map() });
  }

  get size(): number {
    return this.state.byId.size;
  }

  get(id: string): Entry | undefined {
    return this.state.byId.get(id);
  }

  entries(): readonly Entry[] {
    this.sorted ??= sortById(this.state.byId.values());
    return this.sorted;
  }

  entriesOfKind(kind: string): readonly Entry[] {
    let list = this.kindLists.get(kind);
    if (list === undefined) {
      list = sortById(this.state.byKind.get(kind)?.values() ?? []);
      this.kindLists.set(kind, list);
    }
    return list;
  }

  /** Entries whose namespace is exactly `ns` (`app` does not include `app.api`). */
  namespace(ns: string): readonly Entry[] {
    return this.entries().filter((e) => e.id.slice(0, e.id.indexOf(":")) === ns);
  }

  find(filter: FindFilter): FindResult {
    // An exact kind narrows through the index; the shared filter still checks every condition.
    const kind = filter[".kind"];
    const candidates = typeof kind === "string" ? (this.state.byKind.get(kind)?.values() ?? []) : this.state.byId.values();
    return filterEntries(candidates, filter);
  }
}

function sortById(entries: Iterable<Entry>): readonly Entry[] {
  const list = [...entries];
  list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return Object.freeze(list);
}
