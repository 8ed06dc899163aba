/**
 * Operator actions (operator.ts) against the in-memory store: choosing the workflow host,
 * starting runs with conflict policies, and signal / cancel / terminate on running, ended and
 * unknown runs — each refusal writes nothing.
 */
import { describe, expect, it } from "vitest";
import type { Entry } from "@wippy/shared";
import { SimulatedClock } from "../kernel";
import { InMemoryWorkflowStore } from "./memory-store";
import { chooseWorkflowHost, requestRunCancel, signalRun, startWorkflowRun, terminateRunNow } from "./operator";
import { EPOCH } from "./test-support";

const entry = (id: string, kind: string, data: Record<string, unknown> = {}): Entry => ({ id, kind, meta: {}, data: data as Entry["data"] });
const FLOW = entry("app:flow", "workflow.lua", { source: "return { main = function() end }", method: "main" });
const HOST = entry("app:wf", "workflow.host");
const FN = entry("app:fn", "function.lua", { source: "return function() end" });

function setup(entries: Entry[] = [FLOW, HOST, FN]) {
  const clock = new SimulatedClock(EPOCH);
  const store = new InMemoryWorkflowStore(clock);
  return { store, start: (request: Parameters<typeof startWorkflowRun>[1]) => startWorkflowRun({ store, entries, clock }, request) };
}

describe("choosing the workflow host", () => {
  it("takes the only one, the one named, or asks which", () => {
    expect(chooseWorkflowHost([FLOW, HOST], undefined)).toEqual({ ok: true, value: "app:wf" });
    expect(chooseWorkflowHost([HOST], "app:wf")).toEqual({ ok: true, value: "app:wf" });
    expect(chooseWorkflowHost([HOST, FN], "app:fn")).toMatchObject({ ok: false, error: { kind: "NotFound", message: "app:fn is not a workflow.host in the registry (workflow hosts: app:wf)" } });
    expect(chooseWorkflowHost([FLOW], undefined)).toMatchObject({ ok: false, error: { kind: "NotFound" } });
    expect(chooseWorkflowHost([HOST, entry("app:wf2", "workflow.host")], undefined)).toMatchObject({ ok: false, error: { kind: "HostRequired" } });
  });
});

describe("starting a run", () => {
  it("pins the code and starts once per business id, as the conflict policy says", async () => {
    const { store, start } = setup();
    const first = await start({ workflow: "app:flow", args: [21], id: "order-1" });
    expect(first).toEqual({ ok: true, value: { pid: "{app:wf|order-1}", runId: "order-1", host: "app:wf", created: true } });
    expect(await store.getRun("order-1")).toMatchObject({ workflow: "app:flow", host: "app:wf", input: [21], status: "running" });
    expect(await start({ workflow: "app:flow", args: [5], id: "order-1" })).toMatchObject({ ok: true, value: { created: false } });
    expect(await start({ workflow: "app:flow", args: [5], id: "order-1", policy: "fail" })).toMatchObject({ ok: false, error: { kind: "AlreadyExists", message: expect.stringMatching(/^cannot start app:flow: /) as string } });
    expect((await store.getRun("order-1"))?.input).toEqual([21]);
    const generated = await start({ workflow: "app:flow", args: [] });
    expect(generated.ok && generated.value.runId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses what cannot be started, and starts nothing", async () => {
    const { store, start } = setup();
    expect(await start({ workflow: "app:nope", args: [] })).toMatchObject({ ok: false, error: { kind: "NotFound" } });
    expect(await start({ workflow: "app:fn", args: [] })).toMatchObject({ ok: false, error: { kind: "Invalid", message: "cannot start app:fn: app:fn is a function.lua, not a workflow.lua" } });
    expect(await start({ workflow: "app:flow", args: [], id: "a|b" })).toMatchObject({ ok: false, error: { kind: "Invalid" } });
    expect(await start({ workflow: "app:flow", args: [], host: "app:fn" })).toMatchObject({ ok: false, error: { kind: "NotFound" } });
    expect(await store.listRuns({})).toEqual([]);
  });
});

describe("signal, cancel and terminate", () => {
  it("reach a running run's inbox or end it; an ended or unknown run is refused and keeps its state", async () => {
    const { store, start } = setup();
    await start({ workflow: "app:flow", args: [], id: "r1" });
    expect(await signalRun(store, "r1", { topic: "approve", payloads: [{ by: "ann" }], from: "web:ann" })).toEqual({ ok: true, value: true });
    expect(await requestRunCancel(store, "r1", { reason: "changed mind", from: "web:ann" })).toEqual({ ok: true, value: true });
    expect(await store.pendingInbox("r1")).toMatchObject([
      { kind: "signal", topic: "approve", payloads: [{ by: "ann" }], from: "web:ann" },
      { kind: "cancel", reason: "changed mind", from: "web:ann" },
    ]);
    expect(await signalRun(store, "r1", { topic: "", payloads: [], from: "x" })).toMatchObject({ ok: false, error: { kind: "Invalid" } });

    const ended = await terminateRunNow(store, "r1", "");
    expect(ended).toMatchObject({ ok: true, value: { id: "r1", status: "terminated" } });
    expect((await store.history("r1")).at(-1)).toMatchObject({ type: "terminated", reason: "terminated by operator" });
    const history = await store.history("r1");
    expect(await signalRun(store, "r1", { topic: "approve", payloads: [], from: "x" })).toEqual({
      ok: false,
      error: { kind: "Ended", message: "cannot signal workflow run r1: it has already ended (terminated)" },
    });
    expect(await requestRunCancel(store, "r1", { reason: "", from: "x" })).toMatchObject({ ok: false, error: { kind: "Ended" } });
    expect(await terminateRunNow(store, "r1", "again")).toMatchObject({ ok: false, error: { kind: "Ended" } });
    expect(await store.history("r1")).toEqual(history);
    expect(await terminateRunNow(store, "nope", "x")).toEqual({ ok: false, error: { kind: "NotFound", message: "workflow run nope not found" } });
  });
});
