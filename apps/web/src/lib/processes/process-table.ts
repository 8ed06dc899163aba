/**
 * The live process tables of every node, kept current by the inspector's protocol: a node's
 * table is a snapshot at `seq`, then its numbered deltas `seq + 1`, `seq + 2`, … on top.
 * Framework-free (the store and the socket wiring sit on top; tested in process-table.test.ts).
 *
 * Terms:
 * - a node is `syncing` while its snapshot is on the way (deltas are buffered, then those after
 *   the snapshot's seq are applied in order), `live` once it applies deltas as they come, and
 *   `failed` when its snapshot could not be read (the caller retries);
 * - a `generation` numbers each sync of a node, so a slow snapshot that an newer sync
 *   overtook is ignored;
 * - a delta whose seq is not the next one is a gap: the node goes back to `syncing` and the
 *   caller asks for a new snapshot (outcome `needs-sync`); a delta for a node the table does
 *   not know asks for the same;
 * - `TableChanges`: what changed since the last `takeChanges()` — whether rows appeared or
 *   went (`structural`), and the row objects that were replaced (so a view can tell whether
 *   its order or filter result may have moved; a row replaced twice is listed twice).
 *
 * Rows are kept per node, by pid: pids from the wire are hashed once and looked up again and
 * again, where a node-and-pid string would be built and hashed anew for every lookup.
 * Snapshots and deltas are owned by the table once applied (rows are adopted, not copied).
 */
import type { ProcessDelta, ProcessSnapshot } from "@wippy/shared";
import { adoptRow, sameProcess, type LiveProcess } from "./live-process";

export type NodeSyncState = "syncing" | "live" | "failed";
export type DeltaOutcome = "applied" | "buffered" | "stale" | "needs-sync";
export type SnapshotOutcome = "applied" | "stale" | "needs-sync";

export interface NodeSyncInfo {
  readonly nodeId: string;
  readonly state: NodeSyncState;
  readonly seq: number;
  readonly count: number;
  readonly error: string | null;
}

export interface TableChanges {
  structural: boolean;
  /** The row objects replaced by newer ones of the same process. */
  readonly replaced: LiveProcess[];
}

/** Deltas kept for a node whose snapshot is on the way (a slow snapshot drops the oldest; the gap then shows). */
export const MAX_BUFFERED_DELTAS = 64;

interface NodeEntry {
  state: NodeSyncState;
  seq: number;
  generation: number;
  buffered: ProcessDelta[];
  rows: Map<string, LiveProcess>;
  error: string | null;
}

export function emptyChanges(): TableChanges {
  return { structural: false, replaced: [] };
}

export class ProcessTable {
  private readonly nodes = new Map<string, NodeEntry>();
  private count = 0;
  private changes = emptyChanges();

  get size(): number {
    return this.count;
  }

  find(nodeId: string, pid: string): LiveProcess | undefined {
    return this.nodes.get(nodeId)?.rows.get(pid);
  }

  *values(): IterableIterator<LiveProcess> {
    for (const node of this.nodes.values()) yield* node.rows.values();
  }

  /** The rows of one node (empty for a node the table does not know). */
  rowsOf(nodeId: string): Iterable<LiveProcess> {
    return this.nodes.get(nodeId)?.rows.values() ?? [];
  }

  nodeInfos(): NodeSyncInfo[] {
    return [...this.nodes].map(([nodeId, n]) => ({ nodeId, state: n.state, seq: n.seq, count: n.rows.size, error: n.error })).sort((a, b) => (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0));
  }

  hasNode(nodeId: string): boolean {
    return this.nodes.has(nodeId);
  }

  /** Starts (or restarts) a node's sync: deltas buffer until `applySnapshot` with this generation. */
  beginSync(nodeId: string): number {
    const node = this.entry(nodeId);
    node.state = "syncing";
    node.generation += 1;
    return node.generation;
  }

  applySnapshot(nodeId: string, generation: number, snapshot: ProcessSnapshot): SnapshotOutcome {
    const node = this.nodes.get(nodeId);
    if (!node || node.generation !== generation) return "stale";
    const rows = new Map<string, LiveProcess>();
    for (const row of snapshot.processes) {
      const old = node.rows.get(row.pid);
      if (old && sameProcess(old, row)) {
        rows.set(row.pid, old);
        continue;
      }
      rows.set(row.pid, adoptRow(nodeId, row));
      if (old) this.changes.replaced.push(old);
      else this.changes.structural = true;
    }
    if (rows.size !== node.rows.size) this.changes.structural = true;
    else for (const pid of node.rows.keys()) if (!rows.has(pid)) this.changes.structural = true;
    this.count += rows.size - node.rows.size;
    node.rows = rows;
    node.seq = snapshot.seq;
    node.state = "live";
    node.error = null;
    const pending = node.buffered.filter((d) => d.seq > snapshot.seq).sort((a, b) => a.seq - b.seq);
    node.buffered = [];
    for (const delta of pending) {
      if (this.applyDelta(nodeId, delta) === "needs-sync") return "needs-sync";
    }
    return "applied";
  }

  /** The snapshot of this generation could not be read. */
  failSync(nodeId: string, generation: number, error: string): void {
    const node = this.nodes.get(nodeId);
    if (!node || node.generation !== generation) return;
    node.state = "failed";
    node.error = error;
  }

  applyDelta(nodeId: string, delta: ProcessDelta): DeltaOutcome {
    const known = this.nodes.get(nodeId);
    const node = known ?? this.entry(nodeId);
    if (!known) node.state = "syncing";
    if (node.state !== "live") {
      if (node.buffered.push(delta) > MAX_BUFFERED_DELTAS) node.buffered.shift();
      return known ? "buffered" : "needs-sync";
    }
    if (delta.seq <= node.seq) return "stale";
    if (delta.seq !== node.seq + 1) {
      node.state = "syncing";
      node.buffered.push(delta);
      return "needs-sync";
    }
    const { rows } = node;
    const { replaced } = this.changes;
    for (const row of delta.upsert) {
      const old = rows.get(row.pid);
      rows.set(row.pid, adoptRow(nodeId, row));
      if (old) replaced.push(old);
      else {
        this.changes.structural = true;
        this.count += 1;
      }
    }
    for (const patch of delta.patch ?? []) {
      const old = rows.get(patch.pid);
      // A patch for a row this table does not hold: the node and the table disagree.
      if (!old) {
        node.state = "syncing";
        return "needs-sync";
      }
      rows.set(patch.pid, { ...old, ...patch });
      replaced.push(old);
    }
    for (const pid of delta.remove) {
      if (!rows.delete(pid)) continue;
      this.count -= 1;
      this.changes.structural = true;
    }
    node.seq = delta.seq;
    return "applied";
  }

  /** A node left: its rows go. */
  removeNode(nodeId: string): void {
    const node = this.nodes.get(nodeId);
    if (!node) return;
    this.count -= node.rows.size;
    if (node.rows.size > 0) this.changes.structural = true;
    this.nodes.delete(nodeId);
  }

  clear(): void {
    for (const nodeId of [...this.nodes.keys()]) this.removeNode(nodeId);
  }

  /** What changed since the last call. */
  takeChanges(): TableChanges {
    const changes = this.changes;
    this.changes = emptyChanges();
    return changes;
  }

  private entry(nodeId: string): NodeEntry {
    let node = this.nodes.get(nodeId);
    if (!node) {
      node = { state: "syncing", seq: 0, generation: 0, buffered: [], rows: new Map(), error: null };
      this.nodes.set(nodeId, node);
    }
    return node;
  }
}
