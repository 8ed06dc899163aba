/** Snapshot + numbered deltas per node: buffering, gaps, stale snapshots, row identity. */
import { describe, expect, it } from "vitest";
import { delta, row, snapshot } from "./fixtures";
import { processKey } from "./live-process";
import { MAX_BUFFERED_DELTAS, ProcessTable } from "./process-table";

const pids = (t: ProcessTable) => [...t.values()].map((r) => `${r.nodeId}/${r.pid}`).sort();

describe("ProcessTable", () => {
  it("applies a snapshot, then the buffered deltas after its seq, in order", () => {
    const t = new ProcessTable();
    const gen = t.beginSync("n1");
    expect(t.applyDelta("n1", delta(5, [row("a", { mailbox: 9 })]))).toBe("buffered"); // before the snapshot's seq
    expect(t.applyDelta("n1", delta(8, [row("c")]))).toBe("buffered");
    expect(t.applyDelta("n1", delta(7, [], ["b"]))).toBe("buffered");
    expect(t.applySnapshot("n1", gen, snapshot(6, [row("a"), row("b")]))).toBe("applied");
    expect(pids(t)).toEqual(["n1/a", "n1/c"]);
    expect(t.find("n1", "a")?.mailbox).toBe(0);
    expect(t.nodeInfos()).toEqual([{ nodeId: "n1", state: "live", seq: 8, count: 2, error: null }]);
  });

  it("applies the next delta, ignores old ones, and asks for a snapshot on a gap", () => {
    const t = new ProcessTable();
    t.applySnapshot("n1", t.beginSync("n1"), snapshot(3, [row("a")]));
    expect(t.applyDelta("n1", delta(4, [row("a", { reductions: 50 })]))).toBe("applied");
    expect(t.applyDelta("n1", delta(4, [row("a", { reductions: 1 })]))).toBe("stale");
    expect(t.find("n1", "a")?.reductions).toBe(50);
    expect(t.applyDelta("n1", delta(6, [row("z")]))).toBe("needs-sync");
    expect(t.nodeInfos()[0]?.state).toBe("syncing");
    expect(t.applyDelta("n1", delta(7))).toBe("buffered");
    // The new snapshot is at 6: the gap delta is in it, 7 applies on top.
    expect(t.applySnapshot("n1", t.beginSync("n1"), snapshot(6, [row("a"), row("z")]))).toBe("applied");
    expect(t.nodeInfos()[0]).toMatchObject({ state: "live", seq: 7 });
  });

  it("asks for another snapshot when the buffered deltas do not follow the snapshot", () => {
    const t = new ProcessTable();
    const gen = t.beginSync("n1");
    t.applyDelta("n1", delta(9, [row("x")]));
    expect(t.applySnapshot("n1", gen, snapshot(7, [row("a")]))).toBe("needs-sync");
    expect(t.nodeInfos()[0]?.state).toBe("syncing");
    expect(t.applySnapshot("n1", t.beginSync("n1"), snapshot(9, [row("a"), row("x")]))).toBe("applied");
  });

  it("ignores a snapshot that a newer sync overtook, and a failure of an old sync", () => {
    const t = new ProcessTable();
    const first = t.beginSync("n1");
    const second = t.beginSync("n1");
    expect(t.applySnapshot("n1", first, snapshot(1, [row("old")]))).toBe("stale");
    t.failSync("n1", first, "late failure");
    expect(t.nodeInfos()[0]).toMatchObject({ state: "syncing", error: null });
    expect(t.applySnapshot("n1", second, snapshot(2, [row("new")]))).toBe("applied");
    expect(pids(t)).toEqual(["n1/new"]);
    t.failSync("n1", t.beginSync("n1"), "runtime node n1 did not answer");
    expect(t.nodeInfos()[0]).toMatchObject({ state: "failed", error: "runtime node n1 did not answer", count: 1 });
  });

  it("asks for a snapshot of a node it has not seen, keeping the delta", () => {
    const t = new ProcessTable();
    expect(t.applyDelta("n2", delta(12, [row("b")]))).toBe("needs-sync");
    expect(t.applySnapshot("n2", t.beginSync("n2"), snapshot(11, [row("a")]))).toBe("applied");
    expect(pids(t)).toEqual(["n2/a", "n2/b"]);
  });

  it("keeps pids of different nodes apart, and drops a node's rows when it leaves", () => {
    const t = new ProcessTable();
    t.applySnapshot("n1", t.beginSync("n1"), snapshot(1, [row("{app|0x1}")]));
    t.applySnapshot("n2", t.beginSync("n2"), snapshot(1, [row("{app|0x1}", { mailbox: 3 })]));
    expect(t.size).toBe(2);
    expect(t.find("n2", "{app|0x1}")?.mailbox).toBe(3);
    expect(t.find("n2", "{app|0x1}")?.key).toBe(processKey("n2", "{app|0x1}"));
    t.takeChanges();
    t.removeNode("n1");
    expect(pids(t)).toEqual(["n2/{app|0x1}"]);
    expect(t.size).toBe(1);
    expect(t.takeChanges().structural).toBe(true);
    expect(t.hasNode("n1")).toBe(false);
  });

  it("applies a patch over the row it names, keeping its other fields; a patch for an unknown row asks for a snapshot", () => {
    const t = new ProcessTable();
    t.applySnapshot("n1", t.beginSync("n1"), snapshot(1, [row("a", { mailbox: 2 }), row("b")]));
    const before = t.find("n1", "b");
    expect(t.applyDelta("n1", delta(2, [], [], [{ pid: "a", reductions: 99, waiting: ["timer"] }]))).toBe("applied");
    expect(t.find("n1", "a")).toMatchObject({ reductions: 99, waiting: ["timer"], mailbox: 2, nodeId: "n1" });
    expect(t.find("n1", "b")).toBe(before);
    expect(t.applyDelta("n1", delta(3, [], [], [{ pid: "zz", reductions: 1 }]))).toBe("needs-sync");
  });

  it("replaces only the rows that changed, and reports what they replaced", () => {
    const t = new ProcessTable();
    t.applySnapshot("n1", t.beginSync("n1"), snapshot(1, [row("a"), row("b")]));
    expect(t.takeChanges().structural).toBe(true);
    const a = t.find("n1", "a");
    const b = t.find("n1", "b");
    t.applyDelta("n1", delta(2, [row("b", { reductions: 2 })]));
    t.applyDelta("n1", delta(3, [row("b", { reductions: 3 })]));
    const changes = t.takeChanges();
    expect(changes.structural).toBe(false);
    expect(changes.replaced.map((r) => r.pid)).toEqual(["b", "b"]);
    expect(changes.replaced[0]).toBe(b); // the oldest first, as a view last saw it
    expect(changes.replaced[1]?.reductions).toBe(2);
    expect(t.find("n1", "a")).toBe(a);
    // A new snapshot with the same data keeps the objects.
    t.applySnapshot("n1", t.beginSync("n1"), snapshot(3, [row("a"), row("b", { reductions: 3 })]));
    expect(t.find("n1", "a")).toBe(a);
    expect(t.takeChanges()).toEqual({ structural: false, replaced: [] });
    expect(t.size).toBe(2);
  });

  it("keeps at most MAX_BUFFERED_DELTAS while syncing; the lost ones show as a gap", () => {
    const t = new ProcessTable();
    const gen = t.beginSync("n1");
    for (let seq = 2; seq <= MAX_BUFFERED_DELTAS + 2; seq += 1) t.applyDelta("n1", delta(seq));
    expect(t.applySnapshot("n1", gen, snapshot(1, []))).toBe("needs-sync");
  });
});
