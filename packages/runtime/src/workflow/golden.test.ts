import type { StoredEvent } from "@wippy/shared";
import { describe, expect, it } from "vitest";
import { goldenBundle, readGolden, recordGolden } from "./golden-fixtures";
import { checkReplay } from "./replay";

describe("golden histories", () => {
  it.each([
    ["order", "order.lua"],
    ["retry-child", "retry-child.lua"],
  ])("replays the recorded %s history against its workflow", async (name, file) => {
    const golden = readGolden(name);
    expect(await checkReplay(goldenBundle(golden.workflow, file), golden.run, golden.history)).toEqual({ ok: true, ended: true });
  });

  it("catches the deliberately changed order workflow, naming the entry, the line and the seq", async () => {
    const golden = readGolden("order");
    const check = await checkReplay(goldenBundle(golden.workflow, "order-changed.lua"), golden.run, golden.history);
    expect(check).toMatchObject({
      ok: false,
      error: { kind: "NonDeterminism", details: { entry: "app:order", source: "app:order", line: 9, command: 2, seq: 3 } },
    });
    expect(!check.ok && check.error.message).toContain("app:charge");
  });

  it("catches a history edited on purpose: other activity arguments, a dropped command, a changed result", async () => {
    const golden = readGolden("order");
    const bundle = goldenBundle(golden.workflow, "order.lua");
    const edit = (change: (e: StoredEvent) => StoredEvent | null): StoredEvent[] => golden.history.map(change).filter((e): e is StoredEvent => e !== null);

    const otherArgs = edit((e) => (e.type === "activity.scheduled" && e.activity === "app:charge" ? { ...e, args: [31] } : e));
    expect(await checkReplay(bundle, golden.run, otherArgs)).toMatchObject({ ok: false, error: { details: { command: 3, seq: 5, line: 10 } } });

    const dropped = edit((e) => (e.type === "version.marker" ? null : e));
    expect(await checkReplay(bundle, golden.run, dropped)).toMatchObject({ ok: false, error: { kind: "NonDeterminism" } });

    const otherResult = edit((e) => (e.type === "completed" ? { ...e, result: { took: 1 } } : e));
    expect(await checkReplay(bundle, golden.run, otherResult)).toMatchObject({ ok: false, error: { kind: "NonDeterminism", details: { seq: otherResult.at(-1)?.seq } } });
  });

  it("records today exactly the checked-in order history (the recording format is stable)", async () => {
    const golden = readGolden("order");
    const again = await recordGolden("order");
    expect(again.history).toEqual(golden.history);
    expect(again.run.result).toEqual(golden.run.result);
  });
});
