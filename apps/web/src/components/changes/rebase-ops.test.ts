import { describe, expect, it } from "vitest";
import type { Entry, EntryChange } from "@wippy/shared";
import { rebaseOps, type MergeChoice } from "./rebase-ops";

const e = (id: string, v: number): Entry => ({ id, kind: "registry.entry", meta: {}, data: { v } });
const change = (id: string, before: Entry | null, after: Entry | null): EntryChange => ({ id, op: !before ? "create" : !after ? "delete" : "update", before, after });

describe("rebaseOps", () => {
  const changes = [change("a:moved", e("a:moved", 1), e("a:moved", 2)), change("a:still", e("a:still", 1), e("a:still", 5)), change("a:new", null, e("a:new", 1)), change("a:gone", e("a:gone", 1), null)];
  const moved = [{ id: "a:moved", theirs: e("a:moved", 9) }];

  it("keeps the proposal by default: unmoved entries as proposed, moved ones over theirs", () => {
    expect(rebaseOps(changes, moved, new Map())).toEqual([
      { op: "update", entry: e("a:moved", 2) },
      { op: "update", entry: e("a:still", 5) },
      { op: "create", entry: e("a:new", 1) },
      { op: "delete", id: "a:gone" },
    ]);
  });

  it("taking theirs drops the entry; a merge is proposed as written", () => {
    expect(rebaseOps(changes, moved, new Map<string, MergeChoice>([["a:moved", { kind: "theirs" }]])).map((op) => (op.op === "delete" ? op.id : op.entry.id))).toEqual(["a:still", "a:new", "a:gone"]);
    expect(rebaseOps(changes, moved, new Map<string, MergeChoice>([["a:moved", { kind: "merged", entry: e("a:moved", 10) }]]))[0]).toEqual({ op: "update", entry: e("a:moved", 10) });
  });

  it("follows what theirs did: deleted since → create; created since → update; a merge equal to theirs → nothing", () => {
    expect(rebaseOps([change("a:x", e("a:x", 1), e("a:x", 2))], [{ id: "a:x", theirs: null }], new Map())).toEqual([{ op: "create", entry: e("a:x", 2) }]);
    expect(rebaseOps([change("a:y", null, e("a:y", 2))], [{ id: "a:y", theirs: e("a:y", 3) }], new Map())).toEqual([{ op: "update", entry: e("a:y", 2) }]);
    expect(rebaseOps([change("a:z", e("a:z", 1), null)], [{ id: "a:z", theirs: null }], new Map())).toEqual([]);
    expect(rebaseOps([change("a:w", e("a:w", 1), e("a:w", 2))], [{ id: "a:w", theirs: e("a:w", 3) }], new Map([["a:w", { kind: "merged", entry: e("a:w", 3) } as MergeChoice]]))).toEqual([]);
  });
});
