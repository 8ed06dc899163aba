/** The shown rows follow the table, sorting again only when an order or a match may have moved. */
import { describe, expect, it } from "vitest";
import { delta, row, snapshot } from "./fixtures";
import { DEFAULT_PROCESS_QUERY, type ProcessQuery } from "./process-query";
import { selectProcesses } from "./process-selection";
import { ProcessTable } from "./process-table";

function tableOf(n: number): ProcessTable {
  const t = new ProcessTable();
  const rows = Array.from({ length: n }, (_, i) => row(`{app|0x${String(i).padStart(5, "0")}}`, { mailbox: i % 7, reductions: i }));
  t.applySnapshot("n1", t.beginSync("n1"), snapshot(1, rows));
  return t;
}

describe("selectProcesses", () => {
  it("keeps the order and swaps in the new row objects when no sort value changed", () => {
    const t = tableOf(1_000);
    const first = selectProcesses(t, DEFAULT_PROCESS_QUERY, null, t.takeChanges());
    expect(first.sorted).toBe(true);
    t.applyDelta("n1", delta(2, [row("{app|0x00003}", { reductions: 99_999 })]));
    const next = selectProcesses(t, DEFAULT_PROCESS_QUERY, first, t.takeChanges());
    expect(next.sorted).toBe(false);
    expect(next.rows.map((r) => r.pid)).toEqual(first.rows.map((r) => r.pid));
    expect(next.rows[3]?.reductions).toBe(99_999);
    expect(next.rows[4]).toBe(first.rows[4]);
  });

  it("returns the previous selection itself when nothing changed", () => {
    const t = tableOf(10);
    const first = selectProcesses(t, DEFAULT_PROCESS_QUERY, null, t.takeChanges());
    expect(selectProcesses(t, DEFAULT_PROCESS_QUERY, first, t.takeChanges())).toBe(first);
  });

  it("sorts again when a replaced row's sort value changed", () => {
    const t = tableOf(10);
    const q: ProcessQuery = { ...DEFAULT_PROCESS_QUERY, sort: { column: "reductions", dir: "desc" } };
    const first = selectProcesses(t, q, null, t.takeChanges());
    expect(first.rows[0]?.pid).toBe("{app|0x00009}");
    t.applyDelta("n1", delta(2, [row("{app|0x00002}", { reductions: 500 })]));
    const next = selectProcesses(t, q, first, t.takeChanges());
    expect(next.sorted).toBe(true);
    expect(next.rows[0]?.pid).toBe("{app|0x00002}");
  });

  it("filters again when a row starts or stops matching, or rows come and go", () => {
    const t = tableOf(10);
    const q: ProcessQuery = { ...DEFAULT_PROCESS_QUERY, state: "running" };
    const first = selectProcesses(t, q, null, t.takeChanges());
    expect(first.rows).toHaveLength(0);
    t.applyDelta("n1", delta(2, [row("{app|0x00001}", { state: "running", waiting: [] })]));
    const second = selectProcesses(t, q, first, t.takeChanges());
    expect(second.rows.map((r) => r.pid)).toEqual(["{app|0x00001}"]);
    t.applyDelta("n1", delta(3, [], ["{app|0x00001}"]));
    expect(selectProcesses(t, q, second, t.takeChanges()).rows).toHaveLength(0);
  });

  it("sorts again for a new query, and without the previous changes", () => {
    const t = tableOf(10);
    const first = selectProcesses(t, DEFAULT_PROCESS_QUERY, null, t.takeChanges());
    const q: ProcessQuery = { ...DEFAULT_PROCESS_QUERY, sort: { column: "pid", dir: "desc" } };
    const flipped = selectProcesses(t, q, first, t.takeChanges());
    expect(flipped.sorted).toBe(true);
    expect(flipped.rows[0]?.pid).toBe("{app|0x00009}");
    expect(selectProcesses(t, q, flipped, null).sorted).toBe(true);
  });
});
