/** Folding nodes' supervision trees into one live state per entry (the canvas overlay). */
import { describe, expect, it } from "vitest";
import type { LiveTreeNode } from "@wippy/shared";
import { foldTrees, liveStateOf } from "./supervision-state";

const service = (id: string, extra: Partial<LiveTreeNode> = {}): LiveTreeNode =>
  ({ kind: "service", id, state: "running", pid: `{h|${id}}`, restarts: 0, attempts: 0, lastExit: null, uptimeMs: 10, restartType: "transient", nextRestartAt: null, ...extra }) as LiveTreeNode;
const root = (children: LiveTreeNode[]): LiveTreeNode => ({
  kind: "supervisor", id: "wippy:root", state: "running", pid: "{s|1}", restarts: 0, attempts: 0, lastExit: null, uptimeMs: 10, restartType: "permanent", nextRestartAt: null, strategy: "one_for_one", intensity: null, periodMs: null, children,
});

describe("live supervision state", () => {
  it("reads a failed child with a restart due as restarting, without one as failed", () => {
    expect(liveStateOf(service("a", { state: "failed", nextRestartAt: 5 }))).toBe("restarting");
    expect(liveStateOf(service("a", { state: "failed" }))).toBe("failed");
    expect(liveStateOf(service("a", { state: "exited" }))).toBe("exited");
  });

  it("folds every node's tree into one entry per id, worst state first, restarts summed", () => {
    const trees = new Map([
      ["n2", { at: 2, tree: root([service("app:w", { restarts: 2 }), service("app:x")]) }],
      ["n1", { at: 1, tree: root([service("app:w", { state: "failed", nextRestartAt: 9, restarts: 1 })]) }],
    ]);
    const live = foldTrees(trees);
    expect(live.get("app:w")).toMatchObject({ state: "restarting", restarts: 3 });
    expect(live.get("app:w")?.nodes.map((n) => n.nodeId)).toEqual(["n1", "n2"]);
    expect(live.get("app:x")).toMatchObject({ state: "running", restarts: 0, nodes: [{ nodeId: "n2", pid: "{h|app:x}", at: 2 }] });
    expect(live.get("wippy:root")?.nodes).toHaveLength(2);
  });
});

describe("the canvas overlay", () => {
  it("gives pid and start time for an entry one node runs, the exit time, and the node count", async () => {
    const { toCanvasLive } = await import("./canvas-live");
    const tree = root([service("app:w", { restarts: 1, uptimeMs: 100, lastExit: { at: 40, class: "error", error: { kind: "", message: "boom" } } })]);
    const one = toCanvasLive(foldTrees(new Map([["n1", { at: 1_000, tree }]])));
    expect(one.get("app:w")).toEqual({ state: "running", restarts: 1, nodes: 1, pid: "{h|app:w}", startedAt: 900, lastExitAt: 40 });
    const two = toCanvasLive(foldTrees(new Map([["n1", { at: 1_000, tree }], ["n2", { at: 1_000, tree: root([service("app:w")]) }]])));
    expect(two.get("app:w")).toEqual({ state: "running", restarts: 1, nodes: 2, lastExitAt: 40 });
  });
});
