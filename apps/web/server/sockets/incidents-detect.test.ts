import { describe, expect, it } from "vitest";
import type { LiveTreeNode } from "@wippy/shared";
import { DEFAULT_INCIDENT_THRESHOLDS, detectIncidents, type Finding, type NodeTrack } from "./incidents-detect";

const WINDOW = DEFAULT_INCIDENT_THRESHOLDS.crashLoopWindowMs;
const N = DEFAULT_INCIDENT_THRESHOLDS.crashLoopRestarts;

type Child = Partial<LiveTreeNode> & { id: string };

function service(c: Child): LiveTreeNode {
  return { kind: "service", state: "running", pid: "{app|0x1}", restarts: 0, attempts: 0, lastExit: null, uptimeMs: 10, restartType: "permanent", nextRestartAt: null, ...c } as LiveTreeNode;
}

function tree(...children: LiveTreeNode[]): LiveTreeNode {
  return { kind: "supervisor", id: "root", state: "running", pid: null, restarts: 0, attempts: 0, lastExit: null, uptimeMs: 1, restartType: "permanent", nextRestartAt: null, strategy: "one_for_one", intensity: null, periodMs: null, children };
}

const crash = (at: number) => ({ at, class: "error" as const, error: { kind: "Error", message: "boom" } });

/** Feeds trees in order (each at its time) and answers every finding but `running`. */
function run(frames: [number, LiveTreeNode][], start?: NodeTrack): { findings: (Finding & { at: number })[]; track: NodeTrack | undefined } {
  let track = start;
  const findings: (Finding & { at: number })[] = [];
  for (const [at, t] of frames) {
    const out = detectIncidents(track, t, at);
    track = out.track;
    findings.push(...out.findings.filter((f) => f.kind !== "running").map((f) => ({ ...f, at })));
  }
  return { findings, track };
}

const restarting = (restarts: number, extra: Partial<LiveTreeNode> = {}) => tree(service({ id: "app:svc", restarts, state: "running", lastExit: crash(restarts), ...extra }));

describe("crash loops", () => {
  it(`opens at restart ${N}  within the window, then continues the same episode`, () => {
    const { findings } = run([
      [0, restarting(0)],
      [1_000, restarting(1)],
      [2_000, restarting(2)],
      [3_000, restarting(3)],
      [4_000, restarting(4)],
    ]);
    expect(findings.map((f) => [f.kind, f.at, f.kind === "crash_loop" ? f.restarts : 0])).toEqual([
      ["crash_loop", 3_000, 3],
      ["crash_loop", 4_000, 4],
    ]);
    expect(new Set(findings.map((f) => (f.kind === "crash_loop" ? f.episode : "")))).toEqual(new Set(["loop:1000"]));
    expect(findings[0]).toMatchObject({ service: "app:svc", message: "app:svc restarted 3 times in 2.0 s: Error: boom" });
    expect(findings[1]).toMatchObject({ message: "app:svc restarted 4 times in 3.0 s: Error: boom" });
  });

  it("counts restarts that arrive together (trees are coalesced)", () => {
    expect(run([[0, restarting(0)], [500, restarting(N)]]).findings).toMatchObject([{ kind: "crash_loop", restarts: N }]);
  });

  it("ignores restarts spread wider than the window", () => {
    const spaced = Array.from({ length: 6 }, (_, i): [number, LiveTreeNode] => [i * (WINDOW / 2 + 1), restarting(i)]);
    expect(run(spaced).findings).toEqual([]);
  });

  it("a child that gave up ends its loop: after a restart by hand, a new loop needs the threshold again", () => {
    const { findings } = run([
      [0, restarting(0)],
      [10, restarting(3)],
      [20, restarting(3, { state: "terminal", pid: null })],
      [30, restarting(4)],
      [40, restarting(5)],
    ]);
    expect(findings.map((f) => `${f.kind}@${f.at}`)).toEqual(["crash_loop@10", "service_failed@20"]);
  });

  it("a loop quiet for a whole window is over; a new one needs the threshold again", () => {
    const { findings } = run([
      [0, restarting(0)],
      [1, restarting(3)],
      [WINDOW + 10, restarting(4)],
      [WINDOW + 20, restarting(5)],
      [WINDOW + 30, restarting(6)],
    ]);
    expect(findings.map((f) => [f.at, f.kind === "crash_loop" ? f.episode : ""])).toEqual([
      [1, "loop:1"],
      [WINDOW + 30, `loop:${WINDOW + 10}`],
    ]);
  });

  it("the first tree is a baseline: past restarts are not a loop", () => {
    expect(run([[0, restarting(50)], [10, restarting(51)]]).findings).toEqual([]);
  });

  it("a counter that went down (the entry was replaced) starts over", () => {
    expect(run([[0, restarting(2)], [10, restarting(0)], [20, restarting(2)]]).findings).toEqual([]);
  });

  it("finds loops anywhere in the tree, supervisors included", () => {
    const nested = (r: number) => tree({ ...tree(service({ id: "app:deep", restarts: r })), id: "app:sup", restarts: r } as LiveTreeNode);
    expect(run([[0, nested(0)], [10, nested(3)]]).findings.map((f) => (f.kind === "running" ? "" : f.service)).sort()).toEqual(["app:deep", "app:sup"]);
  });
});

describe("failed services", () => {
  const terminal = (exitAt: number, restarts = 4) => tree(service({ id: "app:svc", state: "terminal", pid: null, restarts, lastExit: crash(exitAt) }));
  const up = () => tree(service({ id: "app:svc", restarts: 5 }));

  it("reports a terminal child once per failure, and its recovery", () => {
    const frames: [number, LiveTreeNode][] = [[0, up()], [10, terminal(9)], [20, terminal(9)], [30, up()], [40, terminal(39)]];
    let track: NodeTrack | undefined;
    const all: Finding[][] = [];
    for (const [at, t] of frames) {
      const out = detectIncidents(track, t, at);
      track = out.track;
      all.push(out.findings);
    }
    expect(all.map((fs) => fs.map((f) => (f.kind === "running" ? `running ${f.services.join(",")}` : `${f.kind} ${f.episode}`)))).toEqual([
      ["running root,app:svc"],
      ["service_failed exit:9"],
      [],
      ["running app:svc"],
      ["service_failed exit:39"],
    ]);
    expect(all[1]?.[0]).toMatchObject({ message: "app:svc gave up after 4 restarts: Error: boom" });
  });

  it("leaves out an empty error kind", () => {
    const blank = tree(service({ id: "app:svc", state: "terminal", restarts: 1, lastExit: { at: 1, class: "error", error: { kind: "", message: "m:3: boom" } } }));
    expect(detectIncidents(undefined, blank, 0).findings.filter((f) => f.kind !== "running")).toMatchObject([{ kind: "service_failed", message: "app:svc gave up after 1 restart: m:3: boom" }]);
  });

  it("reports a child already terminal in the first tree a server sees (the database dedupes)", () => {
    expect(detectIncidents(undefined, terminal(5), 0).findings.filter((f) => f.kind !== "running")).toMatchObject([{ kind: "service_failed", episode: "exit:5" }]);
  });
});
