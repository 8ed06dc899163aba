import { describe, expect, it } from "vitest";
import type { Entry } from "@wippy/shared";
import { RegistryView } from "./registry-view";
import type { RegistryUpdate } from "./registry-view";
import type { RegistryDelta } from "./delta";

const entry = (id: string, data: Entry["data"] = {}, kind = "registry.entry", meta: Entry["meta"] = {}): Entry => ({ id, kind, meta, data });
const delta = (id: number, ...changes: RegistryDelta["changes"]): RegistryDelta => ({ version: { id }, changes });
const create = (e: Entry) => ({ id: e.id, op: "create" as const, entry: e });
const update = (e: Entry) => ({ id: e.id, op: "update" as const, entry: e });
const remove = (id: string) => ({ id, op: "delete" as const, entry: null });

function viewWithUpdates(): { view: RegistryView; updates: RegistryUpdate[] } {
  const view = new RegistryView();
  const updates: RegistryUpdate[] = [];
  view.subscribe((u) => updates.push(u));
  return { view, updates };
}

describe("RegistryView", () => {
  it("applies versions in order and tells subscribers before/after", () => {
    const { view, updates } = viewWithUpdates();
    expect(view.applyDelta(delta(1, create(entry("app:a", { n: 1 })), create(entry("app:f", {}, "function.lua"))))).toMatchObject({ status: "applied" });
    expect(view.applyDelta(delta(2, update(entry("app:a", { n: 2 })), remove("app:f")))).toMatchObject({ status: "applied" });
    expect(view.version).toBe(2);
    expect(view.get("app:a")?.data).toEqual({ n: 2 });
    expect(view.get("app:f")).toBeUndefined();
    expect(updates).toEqual([
      {
        version: 1,
        changes: [
          { id: "app:a", op: "create", before: null, after: entry("app:a", { n: 1 }) },
          { id: "app:f", op: "create", before: null, after: entry("app:f", {}, "function.lua") },
        ],
      },
      {
        version: 2,
        changes: [
          { id: "app:a", op: "update", before: entry("app:a", { n: 1 }), after: entry("app:a", { n: 2 }) },
          { id: "app:f", op: "delete", before: entry("app:f", {}, "function.lua"), after: null },
        ],
      },
    ]);
  });

  it("ignores duplicates and refuses gaps without changing anything", () => {
    const { view, updates } = viewWithUpdates();
    view.applyDelta(delta(1, create(entry("app:a"))));
    expect(view.applyDelta(delta(1, create(entry("app:a"))))).toEqual({ status: "duplicate", version: 1 });
    expect(view.applyDelta(delta(3, create(entry("app:c"))))).toEqual({ status: "gap", expected: 2, got: 3 });
    expect(view.version).toBe(1);
    expect(view.get("app:c")).toBeUndefined();
    expect(view.applyDelta(delta(2, create(entry("app:b"))))).toMatchObject({ status: "applied" });
    expect(view.applyDelta(delta(3, create(entry("app:c"))))).toMatchObject({ status: "applied" });
    expect(updates.map((u) => u.version)).toEqual([1, 2, 3]);
  });

  it("reports a delta that does not fit the state as diverged and applies none of it", () => {
    const { view, updates } = viewWithUpdates();
    view.applyDelta(delta(1, create(entry("app:a"))));
    const outcome = view.applyDelta(delta(2, create(entry("app:b")), create(entry("app:a"))));
    expect(outcome).toMatchObject({ status: "diverged" });
    expect(view.applyDelta(delta(2, update(entry("app:missing"))))).toMatchObject({ status: "diverged" });
    expect(view.applyDelta(delta(2, { id: "app:a", op: "update", entry: null }))).toMatchObject({ status: "diverged" });
    expect(view.version).toBe(1);
    expect(view.get("app:b")).toBeUndefined();
    expect(updates).toHaveLength(1);
  });

  it("snapshot isolation: a snapshot keeps its version while the view moves on", () => {
    const view = new RegistryView();
    view.applyDelta(delta(1, create(entry("app:a", { n: 1 })), create(entry("app:f", { v: 1 }, "function.lua"))));
    const at1 = view.snapshot();
    expect(view.snapshot()).toBe(at1); // O(1): the same object until something changes
    view.applyDelta(delta(2, update(entry("app:a", { n: 2 })), remove("app:f"), create(entry("app:g", {}, "function.lua"))));
    const at2 = view.snapshot();
    view.applyDelta(delta(3, update(entry("app:g", { v: 3 }, "function.lua"))));

    expect(at1.version).toBe(1);
    expect(at1.get("app:a")?.data).toEqual({ n: 1 });
    expect(at1.entriesOfKind("function.lua").map((e) => e.id)).toEqual(["app:f"]);
    expect(at1.find({ ".kind": "function.lua" }).entries.map((e) => e.id)).toEqual(["app:f"]);
    expect(at2.entriesOfKind("function.lua").map((e) => e.data)).toEqual([{}]);
    expect(view.entriesOfKind("function.lua").map((e) => e.data)).toEqual([{ v: 3 }]);
    expect(at2.get("app:a")?.data).toEqual({ n: 2 });
  });

  it("freezes entries so no reader can change what others see", () => {
    const view = new RegistryView();
    view.applyDelta(delta(1, create(entry("app:a", { nested: { n: 1 } }))));
    const got = view.get("app:a");
    expect(Object.isFrozen(got)).toBe(true);
    expect(() => {
      (got?.data.nested as { n: number }).n = 2;
    }).toThrow(TypeError);
  });

  it("answers entriesOfKind, namespace and find sorted by id", () => {
    const view = new RegistryView();
    view.applyDelta(
      delta(
        1,
        create(entry("app:z", {}, "function.lua", { type: "test" })),
        create(entry("app.api:b", {}, "function.lua")),
        create(entry("app:a", {}, "process.lua", { type: "test" })),
      ),
    );
    expect(view.entriesOfKind("function.lua").map((e) => e.id)).toEqual(["app.api:b", "app:z"]);
    expect(view.entriesOfKind("nope")).toEqual([]);
    expect(view.snapshot().namespace("app").map((e) => e.id)).toEqual(["app:a", "app:z"]);
    expect(view.find({ "meta.type": "test" }).entries.map((e) => e.id)).toEqual(["app:a", "app:z"]);
    expect(view.find({ ".kind": "function.lua", "meta.type": "test" }).entries.map((e) => e.id)).toEqual(["app:z"]);
    expect(view.find({ bogus: 1 }).warnings).toHaveLength(1);
  });

  it("load replaces the state with a newer snapshot and reports the difference as one update", () => {
    const { view, updates } = viewWithUpdates();
    view.applyDelta(delta(1, create(entry("app:a", { n: 1 })), create(entry("app:gone"))));
    const entries = new Map([entry("app:a", { n: 5 }), entry("app:new")].map((e) => [e.id, e]));
    expect(view.load({ version: 7, entries })).toMatchObject({ status: "applied" });
    expect(view.version).toBe(7);
    expect(updates[1]?.changes.map((c) => `${c.op} ${c.id}`)).toEqual(["update app:a", "delete app:gone", "create app:new"]);
    expect(view.load({ version: 3, entries: new Map() })).toEqual({ status: "duplicate", version: 3 });
    expect(view.size).toBe(2);
  });

  it("a failing subscriber is reported; the others still run and the view stays consistent", () => {
    const errors: unknown[] = [];
    const view = new RegistryView({ log: { error: (fields) => errors.push(fields) } });
    const seen: number[] = [];
    view.subscribe(() => {
      throw new Error("boom");
    });
    const unsubscribe = view.subscribe((u) => seen.push(u.version));
    view.applyDelta(delta(1, create(entry("app:a"))));
    unsubscribe();
    view.applyDelta(delta(2, create(entry("app:b"))));
    expect(seen).toEqual([1]);
    expect(errors).toHaveLength(2);
    expect(view.version).toBe(2);
  });

  it("refuses to be changed from inside a subscriber", () => {
    const errors: unknown[] = [];
    const view = new RegistryView({ log: { error: (fields) => errors.push(fields) } });
    view.subscribe(() => view.applyDelta(delta(2, create(entry("app:b")))));
    view.applyDelta(delta(1, create(entry("app:a"))));
    expect(view.version).toBe(1);
    expect(errors).toHaveLength(1);
  });
});
