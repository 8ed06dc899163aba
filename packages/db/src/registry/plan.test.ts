import { describe, expect, it } from "vitest";
import type { Entry } from "@wippy/shared";
import { opsBetween, planChanges } from "./plan";

const e = (id: string, data: Entry["data"] = {}, meta: Entry["meta"] = {}): Entry => ({ id, kind: "registry.entry", meta, data });
const state = (...entries: Entry[]) => new Map(entries.map((x) => [x.id, x]));

describe("planChanges", () => {
  it("empty changeset is Invalid", () => {
    const r = planChanges([], state());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe("Invalid");
  });

  it("create / update / delete against current state", () => {
    const r = planChanges(
      [{ op: "create", entry: e("a:new") }, { op: "update", entry: e("a:x", { v: 2 }) }, { op: "delete", id: "a:y" }],
      state(e("a:x", { v: 1 }), e("a:y")),
    );
    expect(r.ok && r.value.map((c) => [c.id, c.op])).toEqual([
      ["a:new", "create"],
      ["a:x", "update"],
      ["a:y", "delete"],
    ]);
  });

  it.each([
    ["create existing", { op: "create", entry: e("a:x") } as const],
    ["update missing", { op: "update", entry: e("a:zz") } as const],
    ["delete missing", { op: "delete", id: "a:zz" } as const],
  ])("%s is Conflict naming the entry", (_name, op) => {
    const r = planChanges([op], state(e("a:x")));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.kind).toBe("Conflict");
      expect(r.error.entryId).toBe(op.op === "delete" ? op.id : op.entry.id);
    }
  });

  it("folds several ops on one id in order", () => {
    const r = planChanges([{ op: "create", entry: e("a:n", { v: 1 }) }, { op: "update", entry: e("a:n", { v: 2 }) }], state());
    expect(r.ok && r.value).toEqual([{ id: "a:n", op: "create", before: null, after: e("a:n", { v: 2 }) }]);
    const gone = planChanges([{ op: "create", entry: e("a:n") }, { op: "delete", id: "a:n" }], state());
    expect(gone.ok).toBe(false); // create + delete nets to nothing
  });

  it("an update that changes nothing is no change (key order does not matter)", () => {
    const r = planChanges([{ op: "update", entry: e("a:x", { b: 1, a: 2 }) }], state(e("a:x", { a: 2, b: 1 })));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/no changes/);
  });

  it("rejects invalid ids", () => {
    const r = planChanges([{ op: "create", entry: e("no-colon") }], state());
    expect(!r.ok && r.error.kind).toBe("Invalid");
  });
});

describe("opsBetween", () => {
  it("produces the ops that turn one state into another", () => {
    const from = state(e("a:keep"), e("a:chg", { v: 1 }), e("a:del"));
    const to = state(e("a:keep"), e("a:chg", { v: 2 }), e("a:add"));
    const ops = opsBetween(from, to);
    const r = planChanges(ops, from);
    expect(r.ok && r.value.map((c) => `${c.op} ${c.id}`)).toEqual(["create a:add", "update a:chg", "delete a:del"]);
  });
});
