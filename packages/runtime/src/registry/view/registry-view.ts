/**
 * RegistryView — the node's in-memory copy of the registry, which every lookup reads (function
 * code, hosts, services) and which follows PostgreSQL version by version (`follow-registry.ts`).
 *
 * Terms:
 * - `version`: the last registry version applied; 0 is the empty registry.
 * - `applyDelta`: applies exactly the next version. Older or equal versions are duplicates and
 *   ignored; a newer one leaves a gap, is refused, and the caller fetches the missing versions —
 *   a version is never skipped. A delta that does not fit the state is `diverged`: nothing
 *   changes, and the caller reloads a whole snapshot with `load`.
 * - `load`: replaces the state with a snapshot of the same or a newer version (start-up, or
 *   recovery from divergence); subscribers see the difference as one update.
 * - `RegistryUpdate`: `{version, changes: {id, op, before, after}[]}`, delivered synchronously to
 *   every subscriber after the state changed, in version order. A subscriber that throws is
 *   reported and the others still run. Changing the view from inside a subscriber is a bug.
 * - snapshot: `snapshot()` is O(1); the view copies its maps before the next change (only the
 *   kind maps it touches), so a snapshot keeps seeing its version forever.
 *
 * In: deltas and snapshots (the view takes ownership of their entries and freezes them).
 * Out: lookups, snapshots, updates, and a tagged `ApplyOutcome` for every delta.
 */
import type { Entry, EntryChange } from "@wippy/shared";
import { diffStates, resolveDelta } from "./delta";
import type { RegistryDelta } from "./delta";
import type { ViewLog } from "./log";
import { RegistrySnapshot } from "./registry-snapshot";
import type { FindFilter, FindResult, RegistryState } from "./registry-snapshot";

export interface RegistryUpdate {
  readonly version: number;
  readonly changes: readonly EntryChange[];
}

export type ApplyOutcome =
  | { readonly status: "applied"; readonly update: RegistryUpdate }
  | { readonly status: "duplicate"; readonly version: number }
  | { readonly status: "gap"; readonly expected: number; readonly got: number }
  | { readonly status: "diverged"; readonly reason: string };

export type UpdateListener = (update: RegistryUpdate) => void;

export interface LoadableSnapshot {
  readonly version: number;
  readonly entries: ReadonlyMap<string, Entry>;
}

export interface RegistryViewOptions {
  /** Where a subscriber's exception is reported (default: the console). */
  log?: Pick<ViewLog, "error">;
}

const CONSOLE_LOG: Pick<ViewLog, "error"> = { error: (fields, message) => console.error(message, fields) };

export class RegistryView {
  private current = RegistrySnapshot.empty();
  private state: RegistryState = { byId: new Map(), byKind: new Map() };
  /** True once `current` has been handed out: its maps must be copied before the next write. */
  private published = false;
  /** Kind maps written since the last copy (the others are still shared with a snapshot). */
  private ownedKinds = new WeakSet<Map<string, Entry>>();
  private readonly listeners = new Set<UpdateListener>();
  private notifying = false;
  private readonly log: Pick<ViewLog, "error">;

  constructor(options: RegistryViewOptions = {}) {
    this.log = options.log ?? CONSOLE_LOG;
  }

  get version(): number {
    return this.current.version;
  }

  get size(): number {
    return this.current.size;
  }

  get(id: string): Entry | undefined {
    return this.current.get(id);
  }

  find(filter: FindFilter): FindResult {
    return this.current.find(filter);
  }

  entries(): readonly Entry[] {
    return this.current.entries();
  }

  entriesOfKind(kind: string): readonly Entry[] {
    return this.current.entriesOfKind(kind);
  }

  snapshot(): RegistrySnapshot {
    this.published = true;
    return this.current;
  }

  /** Calls `listener` after every change; returns the function that unsubscribes it. */
  subscribe(listener: UpdateListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  applyDelta(delta: RegistryDelta): ApplyOutcome {
    this.assertNotNotifying();
    const version = delta.version.id;
    if (version <= this.version) return { status: "duplicate", version };
    if (version !== this.version + 1) return { status: "gap", expected: this.version + 1, got: version };
    const resolved = resolveDelta(this.state.byId, delta);
    if (!resolved.ok) return { status: "diverged", reason: resolved.reason };
    return this.commit(version, resolved.changes);
  }

  load(snapshot: LoadableSnapshot): ApplyOutcome {
    this.assertNotNotifying();
    if (snapshot.version < this.version) return { status: "duplicate", version: snapshot.version };
    return this.commit(snapshot.version, diffStates(this.state.byId, snapshot.entries));
  }

  private commit(version: number, changes: EntryChange[]): ApplyOutcome {
    if (changes.length > 0) this.writable();
    for (const change of changes) {
      if (change.before) this.removeEntry(change.before);
      if (change.after) this.addEntry(deepFreeze(change.after));
    }
    const update: RegistryUpdate = Object.freeze({ version, changes: Object.freeze(changes) });
    if (changes.length === 0 && version === this.current.version) return { status: "applied", update };
    this.current = new RegistrySnapshot(version, this.state);
    this.published = false;
    this.notify(update);
    return { status: "applied", update };
  }

  /** Copy-on-write: detaches the maps from a snapshot that was handed out. */
  private writable(): void {
    if (!this.published) return;
    this.state = { byId: new Map(this.state.byId), byKind: new Map(this.state.byKind) };
    this.ownedKinds = new WeakSet();
    this.published = false;
  }

  private kindMap(kind: string): Map<string, Entry> {
    const shared = this.state.byKind.get(kind);
    if (shared && this.ownedKinds.has(shared)) return shared;
    const own = new Map(shared);
    this.state.byKind.set(kind, own);
    this.ownedKinds.add(own);
    return own;
  }

  private addEntry(entry: Entry): void {
    this.state.byId.set(entry.id, entry);
    this.kindMap(entry.kind).set(entry.id, entry);
  }

  private removeEntry(entry: Entry): void {
    this.state.byId.delete(entry.id);
    const kind = this.kindMap(entry.kind);
    kind.delete(entry.id);
    if (kind.size === 0) this.state.byKind.delete(entry.kind);
  }

  private notify(update: RegistryUpdate): void {
    this.notifying = true;
    try {
      for (const listener of [...this.listeners]) {
        try {
          listener(update);
        } catch (error) {
          // One place for subscriber crashes: the view stays consistent and the others still run.
          this.log.error({ version: update.version, err: error }, "registry update subscriber failed");
        }
      }
    } finally {
      this.notifying = false;
    }
  }

  private assertNotNotifying(): void {
    if (this.notifying) throw new Error("RegistryView changed from inside one of its subscribers");
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
