/** Process-table deltas: what changed since the last one, numbered; snapshots fit between them. */
import { describe, expect, it } from "vitest";
import type { ProcessRow } from "@wippy/shared";
import { ProcessDeltas } from "./process-deltas";

const row = (pid: string, extra: Partial<ProcessRow> = {}): ProcessRow => ({
  pid, entry: "app:w", host: "app", state: "waiting", waiting: ["inbox"], mailbox: 0, reductions: 1, memory: 1000, links: [], monitors: [], names: [], startedAt: 1, version: 1, ...extra,
});

describe("process deltas", () => {
  it("sends new rows whole, changed fields as patches, exited pids, numbered from 1 — and nothing when nothing changed", () => {
    const d = new ProcessDeltas();
    expect(d.next([row("a"), row("b")])).toEqual({ seq: 1, upsert: [row("a"), row("b")], patch: [], remove: [] });
    expect(d.next([row("a"), row("b")])).toBeNull();
    expect(d.next([row("a", { reductions: 5 }), row("c")])).toEqual({ seq: 2, upsert: [row("c")], patch: [{ pid: "a", reductions: 5 }], remove: ["b"] });
    expect(d.lastSeq).toBe(2);
  });

  it("patches every field people see: state, waiting, mailbox, links, names, service, restarts", () => {
    const d = new ProcessDeltas();
    d.next([row("a")]);
    for (const change of [{ state: "ready" as const }, { waiting: ["timer"] }, { mailbox: 3 }, { links: ["x"] }, { names: ["svc"] }, { service: "app:svc", restarts: 1 }]) {
      expect(d.next([row("a", change)])?.patch).toEqual([{ pid: "a", ...change }]);
      d.next([row("a")]);
    }
  });

  it("sends a row whole again when one of its fields went away (a patch cannot say absent)", () => {
    const d = new ProcessDeltas();
    d.next([row("a", { service: "app:svc", restarts: 2 })]);
    expect(d.next([row("a")])).toEqual({ seq: 2, upsert: [row("a")], patch: [], remove: [] });
  });

  it("publishes the pending delta before a snapshot, so the snapshot is the state at its seq", () => {
    const d = new ProcessDeltas();
    d.next([row("a")]);
    const { delta, seq } = d.snapshot([row("a"), row("b")]);
    expect(delta).toEqual({ seq: 2, upsert: [row("b")], patch: [], remove: [] });
    expect(seq).toBe(2);
    expect(d.snapshot([row("a"), row("b")])).toEqual({ delta: null, seq: 2 });
  });
});
