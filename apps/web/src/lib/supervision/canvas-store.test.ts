import { describe, expect, it } from "vitest";
import { createCanvasStore } from "./canvas-store";
import type { TreeSnapshot } from "./model";
import { CATALOG, PIPELINE, supervisor } from "./tree-fixtures";

const SNAPSHOT: TreeSnapshot = { version: 7, entries: PIPELINE, catalog: CATALOG };

function loaded() {
  const store = createCanvasStore();
  store.getState().load(SNAPSHOT);
  return store;
}

describe("canvas store", () => {
  it("loads a snapshot as the base, with its issues", () => {
    const store = loaded();
    const state = store.getState();
    expect(state).toMatchObject({ loaded: true, baseVersion: 7, revision: 1, selected: null });
    expect(state.model).toBe(state.base);
    expect(state.issues.all).toEqual([]);
  });

  it("applies changes, revalidates, and keeps a refused change out with its reason", () => {
    const store = loaded();
    expect(store.getState().apply({ type: "setParent", id: "pipeline:root", parent: "pipeline:workers" })).toBe(true);
    expect(store.getState().issues.all.map((i) => i.code)).toEqual(["supervisor_cycle"]);
    expect(store.getState().apply({ type: "delete", id: "pipeline:nobody" })).toBe(false);
    expect(store.getState().refusal).toBe("pipeline:nobody is not on the canvas");
    expect(store.getState().log.cursor).toBe(1);
    store.getState().undo();
    expect(store.getState().issues.all).toEqual([]);
    expect(store.getState().refusal).toBeNull();
  });

  it("bumps the revision when the model jumps (undo, redo), not on an edit", () => {
    const store = loaded();
    store.getState().apply({ type: "setField", id: "pipeline:root", path: "data.intensity", value: 4 });
    expect(store.getState().revision).toBe(1);
    store.getState().undo();
    expect(store.getState().revision).toBe(2);
    store.getState().redo();
    expect(store.getState().revision).toBe(3);
    store.getState().redo();
    expect(store.getState().revision).toBe(3);
  });

  it("forgets the selection of a node that is gone", () => {
    const store = loaded();
    store.getState().select("pipeline:flaky");
    store.getState().apply({ type: "delete", id: "pipeline:flaky" });
    expect(store.getState().selected).toBeNull();
    store.getState().select("wippy:root");
    store.getState().apply({ type: "delete", id: "pipeline:greeter" });
    expect(store.getState().selected).toBe("wippy:root");
  });

  it("rebases the edits onto a newer registry state", () => {
    const store = loaded();
    store.getState().apply({ type: "addSupervisor", id: "canvas:sup", parent: "wippy:root" });
    store.getState().apply({ type: "delete", id: "pipeline:producer" });
    const newer: TreeSnapshot = { version: 9, entries: [...PIPELINE.filter((e) => e.id !== "pipeline:producer"), supervisor("pipeline:extra")], catalog: CATALOG };
    const dropped = store.getState().rebase(newer);
    expect(dropped.map((d) => d.error)).toEqual(["pipeline:producer is not on the canvas"]);
    const state = store.getState();
    expect(state.baseVersion).toBe(9);
    expect(state.base.entries.has("pipeline:extra")).toBe(true);
    expect(state.model.entries.has("canvas:sup")).toBe(true);
    expect(state.log.cursor).toBe(1);
  });

  it("holds live states by entry id, empty until telemetry fills it", () => {
    const store = loaded();
    expect(store.getState().live.size).toBe(0);
    store.getState().setLive(new Map([["pipeline:flaky", { state: "running", restarts: 2, pid: "{pipeline:processes|0x1}", nodes: 1 }]]));
    expect(store.getState().live.get("pipeline:flaky")?.state).toBe("running");
  });

  it("refreshes: loads a clean canvas, advances over unrelated versions, keeps edits aside from a changed tree", () => {
    const store = createCanvasStore();
    expect(store.getState().refresh(SNAPSHOT)).toBe("loaded");
    expect(store.getState().refresh(SNAPSHOT)).toBe("unchanged");
    store.getState().apply({ type: "setField", id: "pipeline:root", path: "data.intensity", value: 4 });
    const revision = store.getState().revision;
    expect(store.getState().refresh({ ...SNAPSHOT, version: 8 })).toBe("advanced");
    expect(store.getState()).toMatchObject({ baseVersion: 8, newer: null, revision });
    const changed: TreeSnapshot = { version: 9, entries: [...PIPELINE, supervisor("pipeline:extra")], catalog: CATALOG };
    expect(store.getState().refresh(changed)).toBe("kept");
    expect(store.getState()).toMatchObject({ baseVersion: 8, newer: 9 });
    expect(store.getState().log.cursor).toBe(1);
    store.getState().undo();
    expect(store.getState().refresh(changed)).toBe("loaded");
    expect(store.getState()).toMatchObject({ baseVersion: 9, newer: null });
    expect(store.getState().model.entries.has("pipeline:extra")).toBe(true);
  });
});
