/**
 * Process-table deltas for the control plane: each `next(rows)` compares the table with the
 * one last published and returns the rows that appeared (`upsert`, whole), the fields that
 * changed in known rows (`patch`: the pid and those fields only), and the pids that exited
 * (`remove`), numbered `seq` 1, 2, 3 … — or null when nothing changed (no number is used).
 *
 * A browser joins with a snapshot taken by `snapshot(rows)`, which first publishes the
 * pending delta (returned, for the caller to send), so the snapshot is exactly the state at
 * its `seq` and every later delta applies on top of it; a browser that sees a gap in `seq`
 * takes a new snapshot.
 *
 * Every field people see counts; reductions change on every turn, so a busy process is in
 * every delta — as a patch of one field, which keeps 10,000 busy processes at ~0.5 MB a
 * second instead of ~2.3 MB.
 */
import type { ProcessDelta, ProcessPatch, ProcessRow } from "@wippy/shared";

const FIELDS = ["entry", "host", "state", "waiting", "mailbox", "reductions", "memory", "links", "monitors", "names", "startedAt", "version", "service", "restarts"] as const satisfies readonly (keyof ProcessRow)[];

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

/**
 * The fields of `next` that differ from `prev`; null when none does; "whole" when a field went
 * away (a process no longer under a supervisor): a patch cannot say "absent", the row can.
 */
function patchOf(prev: ProcessRow, next: ProcessRow): ProcessPatch | null | "whole" {
  let patch: Record<string, unknown> | null = null;
  for (const field of FIELDS) {
    if (same(prev[field], next[field])) continue;
    if (next[field] === undefined) return "whole";
    patch ??= { pid: next.pid };
    patch[field] = next[field];
  }
  return patch as ProcessPatch | null;
}

export class ProcessDeltas {
  private seq = 0;
  private published = new Map<string, ProcessRow>();

  /** The last published seq (0 before the first delta). */
  get lastSeq(): number {
    return this.seq;
  }

  next(rows: readonly ProcessRow[]): ProcessDelta | null {
    const current = new Map<string, ProcessRow>();
    const upsert: ProcessRow[] = [];
    const patch: ProcessPatch[] = [];
    for (const row of rows) {
      current.set(row.pid, row);
      const prev = this.published.get(row.pid);
      if (!prev) upsert.push(row);
      else {
        const changed = patchOf(prev, row);
        if (changed === "whole") upsert.push(row);
        else if (changed) patch.push(changed);
      }
    }
    const remove: string[] = [];
    for (const pid of this.published.keys()) if (!current.has(pid)) remove.push(pid);
    this.published = current;
    if (upsert.length === 0 && patch.length === 0 && remove.length === 0) return null;
    return { seq: ++this.seq, upsert, patch, remove };
  }

  /** The pending delta (if any) and the seq the full table `rows` stands at. */
  snapshot(rows: readonly ProcessRow[]): { delta: ProcessDelta | null; seq: number } {
    const delta = this.next(rows);
    return { delta, seq: this.seq };
  }
}
