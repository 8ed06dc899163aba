/**
 * The live log view's lines: every node's recent and streamed lines in one list, in time
 * order, each line once, at most `capacity` of them (the oldest go first).
 *
 * Terms:
 * - `LiveLogLine`: a node's `LogLine` tagged with the node; its `key` is node, seq and time
 *   (seq alone restarts at 1 when a node restarts under the same id);
 * - lines are ordered by time, then node, then seq — a node's own lines keep their order;
 * - `lines` is replaced, never mutated, on every change: a paused view keeps the array it had.
 *
 * Pure (tested in log-book.test.ts).
 */
import type { LogLine } from "@wippy/shared";

export interface LiveLogLine extends LogLine {
  readonly nodeId: string;
  readonly key: string;
}

export const DEFAULT_LOG_BOOK_CAPACITY = 5_000;

export function compareLines(a: LiveLogLine, b: LiveLogLine): number {
  return a.at - b.at || (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0) || a.seq - b.seq;
}

export class LogBook {
  private current: readonly LiveLogLine[] = [];
  private readonly keys = new Set<string>();

  constructor(private readonly capacity = DEFAULT_LOG_BOOK_CAPACITY) {}

  get lines(): readonly LiveLogLine[] {
    return this.current;
  }

  /** Adds a node's lines (any order, duplicates ignored); how many were new. */
  add(nodeId: string, lines: readonly LogLine[]): number {
    const fresh: LiveLogLine[] = [];
    for (const line of lines) {
      const key = `${nodeId}|${line.seq}|${line.at}`;
      if (this.keys.has(key)) continue;
      this.keys.add(key);
      fresh.push({ ...line, nodeId, key });
    }
    if (fresh.length === 0) return 0;
    fresh.sort(compareLines);
    const last = this.current[this.current.length - 1];
    // Streamed lines come in order: appending is the common case; a late batch merges.
    let next = !last || compareLines(last, fresh[0]!) <= 0 ? [...this.current, ...fresh] : [...this.current, ...fresh].sort(compareLines);
    if (next.length > this.capacity) {
      const dropped = next.length - this.capacity;
      for (let i = 0; i < dropped; i += 1) this.keys.delete(next[i]!.key);
      next = next.slice(dropped);
    }
    this.current = next;
    return fresh.length;
  }

  clear(): void {
    this.current = [];
    this.keys.clear();
  }
}
