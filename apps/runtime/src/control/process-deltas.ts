/**
 * Process-table deltas for the control plane: each `next(rows)` compares the table with the
 * one last published and returns what appeared or changed (`upsert`) and what exited
 * (`remove`), numbered `seq` 1, 2, 3 … — or null when nothing changed (no number is used).
 *
 * A browser joins with a snapshot taken by `snapshot(rows)`, which first publishes the
 * pending delta (returned, for the caller to send), so the snapshot is exactly the state at
 * its `seq` and every later delta applies on top of it; a browser that sees a gap in `seq`
 * takes a new snapshot.
 *
 * A row counts as changed when any field people see changed (the fingerprint); reductions
 * change on every turn, so a busy process is in every delta — that is the point of a live view.
 */
import type { ProcessDelta, ProcessRow } from "@wippy/shared";

function fingerprint(r: ProcessRow): string {
  return `${r.state}|${r.waiting.join(",")}|${r.mailbox}|${r.reductions}|${r.memory}|${r.links.join(",")}|${r.monitors.join(",")}|${r.names.join(",")}|${r.version}|${r.service ?? ""}|${r.restarts ?? ""}`;
}

export class ProcessDeltas {
  private seq = 0;
  private published = new Map<string, string>();

  /** The last published seq (0 before the first delta). */
  get lastSeq(): number {
    return this.seq;
  }

  next(rows: readonly ProcessRow[]): ProcessDelta | null {
    const current = new Map<string, string>();
    const upsert: ProcessRow[] = [];
    for (const row of rows) {
      const print = fingerprint(row);
      current.set(row.pid, print);
      if (this.published.get(row.pid) !== print) upsert.push(row);
    }
    const remove: string[] = [];
    for (const pid of this.published.keys()) if (!current.has(pid)) remove.push(pid);
    this.published = current;
    if (upsert.length === 0 && remove.length === 0) return null;
    return { seq: ++this.seq, upsert, remove };
  }

  /** The pending delta (if any) and the seq the full table `rows` stands at. */
  snapshot(rows: readonly ProcessRow[]): { delta: ProcessDelta | null; seq: number } {
    const delta = this.next(rows);
    return { delta, seq: this.seq };
  }
}
