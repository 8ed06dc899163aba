import { describe, expect, it } from "vitest";
import { LEASE_MS, wf, workflowTest } from "./test-support";

const WAIT_FOR_APPROVAL = wf(`local time = require("time")
return { main = function()
  local msg = process.inbox():receive()
  local decision = process.listen("decision"):receive()
  return { first = msg:payload():data(), topic = msg:topic(), from = msg:from(), decision = decision }
end }`);

describe("signals", () => {
  it("keeps a signal sent before any node runs the workflow, and delivers it on start", async () => {
    const t = workflowTest({ "app:flow": WAIT_FOR_APPROVAL });
    const pid = await t.spawn("app:flow", [], { id: "sig-1" });
    const client = t.client();
    expect((await client.send(pid, "hello", [{ n: 1 }], "{app:p|0x00001}")).ok).toBe(true);
    expect((await client.send(pid, "decision", ["yes"])).ok).toBe(true);
    t.worker("node-a");
    await t.advance(1_000);
    expect(await t.exit(pid)).toEqual({ value: { first: { n: 1 }, topic: "hello", from: "{app:p|0x00001}", decision: "yes" } });
    expect(await t.types("sig-1")).toEqual(["started", "signal.received", "signal.received", "completed"]);
  });

  it("replays recorded signals after a takeover and takes new ones on the new node", async () => {
    const t = workflowTest({ "app:flow": WAIT_FOR_APPROVAL });
    const a = t.worker("node-a");
    const pid = await t.spawn("app:flow", [], { id: "sig-2" });
    await t.advance(1_000);
    await t.client(a).send(pid, "hello", ["before"]);
    await t.advance(1_000);
    expect(await t.types("sig-2")).toEqual(["started", "signal.received"]);
    a.kill();
    const b = t.worker("node-b");
    await t.advance(LEASE_MS + 1_000);
    await t.client(b).send(pid, "decision", ["after"]);
    await t.advance(1_000);
    expect(await t.exit(pid)).toEqual({ value: { first: "before", topic: "hello", from: "", decision: "after" } });
  });

  it("refuses a signal to a run that has ended, as a send to a dead pid", async () => {
    const t = workflowTest({ "app:flow": wf(`return { main = function() return 1 end }`) });
    t.worker("node-a");
    const pid = await t.spawn("app:flow", [], { id: "sig-3" });
    await t.advance(1_000);
    const sent = await t.client().send(pid, "late", []);
    expect(!sent.ok && sent.error.kind).toBe("NotFound");
    expect(!sent.ok && sent.error.message).toContain("not found");
  });

  it("sends from a workflow once, after the send is committed, never again on replay", async () => {
    const t = workflowTest({
      "app:flow": wf(`local time = require("time")
return { main = function(to) process.send(to, "progress", "half") time.sleep("1m") return process.pid() end }`),
    });
    const sent: unknown[] = [];
    const a = t.worker("node-a", { send: (m) => void sent.push(m) });
    const pid = await t.spawn("app:flow", ["{app:p|0x00007}"], { id: "out-1" });
    await t.advance(1_000);
    a.kill();
    t.worker("node-b", { send: (m) => void sent.push(m) });
    await t.advance(LEASE_MS + 60_000);
    expect(await t.exit(pid)).toEqual({ value: "{app:workflows|out-1}" });
    expect(sent).toEqual([{ from: "{app:workflows|out-1}", to: "{app:p|0x00007}", topic: "progress", payloads: ["half"] }]);
  });
});

describe("cancel and terminate", () => {
  const CANCELLABLE = wf(`local time = require("time")
return { main = function()
  local events = process.events()
  local r = channel.select({ events:case_receive(), time.after("1h"):case_receive() })
  if r.channel == events then
    return nil, errors.new({ kind = errors.CANCELED, message = "stopped: " .. tostring(r.value.reason) .. " by " .. r.value.kind })
  end
  return "timeout"
end }`);

  it("delivers cancel as a CANCEL event the code may honour; the run ends canceled", async () => {
    const t = workflowTest({ "app:flow": CANCELLABLE });
    const a = t.worker("node-a");
    const pid = await t.spawn("app:flow", [], { id: "cancel-1" });
    await t.advance(1_000);
    const exit = t.client(a).awaitExit(pid);
    expect((await t.client(a).cancel(pid, "user asked")).ok).toBe(true);
    await t.advance(1_000);
    const result = await exit;
    expect(result.ok && result.value.error).toMatchObject({ kind: "Canceled", message: "stopped: user asked by pid.cancel" });
    expect((await t.store.getRun("cancel-1"))?.status).toBe("canceled");
    expect(await t.types("cancel-1")).toEqual(["started", "timer.started", "cancel.requested", "canceled"]);
  });

  it("terminates a run at once: its process stops, monitors get an error, the history ends with terminated", async () => {
    const t = workflowTest({ "app:flow": CANCELLABLE });
    const a = t.worker("node-a");
    const pid = await t.spawn("app:flow", [], { id: "term-1" });
    await t.advance(1_000);
    expect(a.held()).toEqual(["term-1"]);
    expect(a.sandbox.size).toBe(1);
    expect((await t.client(a).terminate(pid, "operator")).ok).toBe(true);
    expect(a.held()).toEqual([]);
    expect(a.sandbox.size).toBe(0);
    expect(await t.exit(pid)).toEqual({ error: expect.objectContaining({ kind: "Canceled", message: "process terminated" }) });
    await t.advance(2 * 3_600_000);
    expect(await t.types("term-1")).toEqual(["started", "timer.started", "terminated"]);
    const again = await t.client(a).terminate(pid);
    expect(!again.ok && again.error.kind).toBe("NotFound");
  });

  it("stops a terminated run on the node that holds it even when another node terminated it", async () => {
    const t = workflowTest({ "app:flow": CANCELLABLE });
    const a = t.worker("node-a");
    const pid = await t.spawn("app:flow", [], { id: "term-2" });
    await t.advance(1_000);
    expect((await t.client().terminate(pid)).ok).toBe(true);
    await t.advance(LEASE_MS);
    expect(a.held()).toEqual([]);
    expect(a.sandbox.size).toBe(0);
  });
});

describe("inside a workflow", () => {
  it("refuses process.link, spawn and monitor with Invalid, and answers process.pid with the stable pid", async () => {
    const t = workflowTest({
      "app:flow": wf(`return { main = function()
  local _, e1 = process.link("{app:p|0x00001}")
  local _, e2 = process.spawn("app:x", "app:processes")
  local _, e3 = process.monitor("{app:p|0x00001}")
  return { e1:kind(), e2:kind(), e3:kind(), e1:message(), process.pid(), require("workflow").id() }
end }`),
    });
    t.worker("node-a");
    const pid = await t.spawn("app:flow", [], { id: "inside-1" });
    await t.advance(1_000);
    const exit = await t.exit(pid);
    expect(exit.value).toEqual(["Invalid", "Invalid", "Invalid", expect.stringContaining("process.link is refused inside a workflow"), "{app:workflows|inside-1}", "inside-1"]);
  });

  it("fails a run whose code does not compile, with the compiler's message", async () => {
    const t = workflowTest({ "app:flow": wf(`return { main = function() return 1 +  end }`) });
    t.worker("node-a");
    const pid = await t.spawn("app:flow", [], { id: "syntax-1" });
    await t.advance(1_000);
    expect((await t.exit(pid)).error).toMatchObject({ kind: "Invalid", message: expect.stringContaining("app:flow:1:") });
  });

  it("fails the run with the error when the code raises", async () => {
    const t = workflowTest({ "app:flow": wf(`return { main = function() error("boom") end }`) });
    t.worker("node-a");
    const pid = await t.spawn("app:flow", [], { id: "raise-1" });
    await t.advance(1_000);
    expect((await t.exit(pid)).error?.message).toContain("boom");
    expect((await t.store.getRun("raise-1"))?.status).toBe("failed");
  });
});
