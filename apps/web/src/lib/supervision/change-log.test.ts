import { describe, expect, it } from "vitest";
import { canRedo, canUndo, currentModel, effectiveChanges, record, redo, replay, seal, startLog, undo, type ChangeLog } from "./change-log";
import type { TreeChange } from "./changes";
import { entryOf, pipeline, service } from "./tree-fixtures";

function recorded(log: ChangeLog, change: TreeChange): ChangeLog {
  const next = record(log, change);
  if (!next.ok) throw new Error(next.error);
  return next.log;
}

const period = (value: string): TreeChange => ({ type: "setField", id: "pipeline:root", path: "data.period", value });
const periodOf = (log: ChangeLog) => entryOf(currentModel(log), "pipeline:root").data["period"];

describe("change log", () => {
  it("undoes and redoes changes in order", () => {
    let log = startLog(pipeline());
    log = recorded(log, { type: "addSupervisor", id: "canvas:sup", parent: "wippy:root" });
    log = recorded(log, { type: "setParent", id: "pipeline:producer", parent: "canvas:sup" });
    expect(log.cursor).toBe(2);
    log = undo(log);
    expect(entryOf(currentModel(log), "pipeline:producer").meta["supervisor"]).toBe("pipeline:root");
    expect(currentModel(log).entries.has("canvas:sup")).toBe(true);
    log = undo(log);
    expect(currentModel(log)).toBe(log.models[0]);
    expect(canUndo(log)).toBe(false);
    expect(undo(log)).toBe(log);
    log = redo(redo(log));
    expect(entryOf(currentModel(log), "pipeline:producer").meta["supervisor"]).toBe("canvas:sup");
    expect(canRedo(log)).toBe(false);
  });

  it("drops the undone changes when a new one is made", () => {
    let log = recorded(startLog(pipeline()), { type: "delete", id: "pipeline:flaky" });
    log = undo(log);
    log = recorded(log, { type: "delete", id: "pipeline:greeter" });
    expect(log.changes).toEqual([{ type: "delete", id: "pipeline:greeter" }]);
    expect(canRedo(log)).toBe(false);
    expect(currentModel(log).entries.has("pipeline:flaky")).toBe(true);
  });

  it("keeps a refused change out of the log", () => {
    const log = startLog(pipeline());
    const outcome = record(log, { type: "setParent", id: "pipeline:flaky", parent: "pipeline:greeter" });
    expect(outcome).toEqual({ ok: false, error: expect.stringContaining("is not a supervisor") as string });
  });

  it("coalesces typing into one field as one step, until sealed", () => {
    let log = startLog(pipeline());
    for (const text of ["2", "2s", "20s"]) log = recorded(log, period(text));
    expect(log.cursor).toBe(1);
    expect(periodOf(log)).toBe("20s");
    expect(periodOf(undo(log))).toBe("1m");
    log = recorded(seal(log), period("30s"));
    expect(log.cursor).toBe(2);
    expect(periodOf(undo(log))).toBe("20s");
  });

  it("does not coalesce edits of different fields, nor after an undo", () => {
    let log = recorded(startLog(pipeline()), period("2s"));
    log = recorded(log, { type: "setField", id: "pipeline:root", path: "data.intensity", value: 4 });
    expect(log.cursor).toBe(2);
    log = recorded(undo(log), period("3s"));
    expect(log.cursor).toBe(2);
  });

  it("takes a step back out when a field is typed back to its value before the step", () => {
    let log = recorded(startLog(pipeline()), { type: "delete", id: "pipeline:flaky" });
    log = recorded(seal(log), period("2s"));
    log = recorded(log, period("1m"));
    expect(log.cursor).toBe(1);
    expect(effectiveChanges(log)).toEqual([{ type: "delete", id: "pipeline:flaky" }]);
  });

  it("replays the edits in effect on a newer tree and reports those that no longer apply", () => {
    let log = startLog(pipeline());
    log = recorded(log, { type: "addService", id: "canvas:one", parent: "pipeline:workers", process: "pipeline:worker", host: "pipeline:processes" });
    log = recorded(log, period("2s"));
    log = recorded(log, { type: "delete", id: "pipeline:greeter" });
    // Meanwhile someone deleted the workers supervisor and the greeter, and added canvas:one.
    const newer = pipeline().entries;
    const theirs = new Map(newer);
    theirs.delete("pipeline:workers");
    theirs.delete("pipeline:greeter");
    theirs.set("canvas:one", service("canvas:one"));
    const { log: replayed, dropped } = replay({ ...pipeline(), entries: theirs }, effectiveChanges(log));
    expect(dropped.map((d) => [d.change.type, d.error])).toEqual([
      ["addService", "canvas:one already exists"],
      ["delete", "pipeline:greeter is not on the canvas"],
    ]);
    expect(periodOf(replayed)).toBe("2s");
    expect(replayed.cursor).toBe(1);
  });
});
