import { describe, expect, it } from "vitest";
import { host, LEASE_MS, proc, wf, workflowTest } from "./test-support";

const FLOW = wf(`return { main = function(n)
  local msg = process.inbox():receive()
  return n * 2 .. " " .. msg:payload():data() .. " from " .. msg:from()
end }`);

describe("workflows from ordinary Lua processes", () => {
  it("spawns with a workflow id, signals, and gets EXIT with the result through process.events()", async () => {
    const t = workflowTest(
      {
        "app:workflows": host({ lease: "5s" }),
        "app:flow": FLOW,
        "app:caller": proc(`return { main = function()
  local spawner = process.with_options({ ["workflow.id"] = "order-9" })
  local pid, err = spawner:spawn_monitored("app:flow", "app:workflows", 5)
  if err then return nil, err end
  local again = spawner:spawn("app:flow", "app:workflows", 6)
  assert(process.send(pid, "approve", "ok"))
  local ev = process.events():receive()
  return { pid = pid, same = again == pid, kind = ev.kind, from = ev.from, value = ev.result.value }
end }`),
      },
      { service: true },
    );
    const caller = t.process("app:caller");
    await t.advance(2_000);
    expect(t.exits.get(caller)).toEqual({
      kind: "normal",
      value: { pid: "{app:workflows|order-9}", same: true, kind: "pid.exit", from: "{app:workflows|order-9}", value: `10 ok from ${caller}` },
    });
  });

  it("runs process.exec on a workflow host to the end, and refuses a conflicting id with policy fail", async () => {
    const t = workflowTest(
      {
        "app:workflows": host(),
        "app:double": wf(`return { main = function(n) return n * 2 end }`),
        "app:caller": proc(`return { main = function()
  local v = process.exec("app:double", "app:workflows", 21)
  local builder = process.with_options({ ["workflow.id"] = "dup", ["workflow.id_conflict_policy"] = "fail" })
  builder:spawn("app:double", "app:workflows", 1)
  local _, err = builder:spawn("app:double", "app:workflows", 1)
  local _, bad = process.with_options({ ["workflow.id_conflict_policy"] = "sometimes" }):spawn("app:double", "app:workflows", 1)
  return { v = v, dup = err:kind(), bad = bad:kind() }
end }`),
      },
      { service: true },
    );
    const caller = t.process("app:caller");
    await t.advance(2_000);
    expect(t.exits.get(caller)).toEqual({ kind: "normal", value: { v: 42, dup: "AlreadyExists", bad: "Invalid" } });
  });

  it("cancels and terminates a workflow by pid, and sends to a process from inside one", async () => {
    const t = workflowTest(
      {
        "app:workflows": host(),
        "app:flow": wf(`return { main = function(caller)
  process.send(caller, "ready", process.pid())
  local ev = process.events():receive()
  return nil, errors.new({ kind = errors.CANCELED, message = ev.reason })
end }`),
        "app:caller": proc(`return { main = function()
  local pid = process.spawn_monitored("app:flow", "app:workflows", process.pid())
  local ready = process.inbox():receive():payload():data()
  assert(process.cancel(pid, "enough"))
  local exit = process.events():receive()
  local other = process.spawn("app:flow", "app:workflows", "{app:nobody|0x00001}")
  assert(process.terminate(other))
  local _, gone = process.send(other, "late")
  return { ready = ready == pid, error = exit.result.error:kind(), message = exit.result.error:message(), gone = gone:kind() }
end }`),
      },
      { service: true },
    );
    const caller = t.process("app:caller");
    await t.advance(3_000);
    expect(t.exits.get(caller)).toEqual({ kind: "normal", value: { ready: true, error: "Canceled", message: "enough", gone: "NotFound" } });
  });

  it("leaves ordinary processes to the plain process module, builders included", async () => {
    const t = workflowTest(
      {
        "app:workflows": host(),
        "app:echo": proc(`return { main = function() return require("ctx").get("x") end }`, ["ctx"]),
        "app:caller": proc(`return { main = function()
  local pid = process.with_context({ x = 7 }):spawn_monitored("app:echo", "app:functions")
  local ev = process.events():receive()
  local _, unknown = process.send("{app:functions|0x0ffff}", "t")
  local watched = process.monitor("{app:workflows|nobody}")
  local noproc = process.events():receive()
  return { same = ev.from == pid, value = ev.result.value, dead = unknown:message(), watched = watched, noproc = noproc.result.error:kind() }
end }`),
      },
      { service: true },
    );
    const caller = t.process("app:caller");
    await t.advance(2_000);
    expect(t.exits.get(caller)).toEqual({ kind: "normal", value: { same: true, value: 7, dead: expect.stringContaining("not found"), watched: true, noproc: "NotFound" } });
  });

  it("brings a linked process down when the workflow fails, or tells it with LINK_DOWN when it traps links", async () => {
    const t = workflowTest(
      {
        "app:workflows": host(),
        "app:fail": wf(`return { main = function() return nil, errors.new({ kind = "Conflict", message = "nope" }) end }`),
        "app:plain": proc(`return { main = function()
  process.spawn_linked("app:fail", "app:workflows")
  process.inbox():receive()
  return "not reached"
end }`),
        "app:trapping": proc(`return { main = function()
  process.set_options({ trap_links = true })
  local pid = process.spawn_linked("app:fail", "app:workflows")
  local ev = process.events():receive()
  return { kind = ev.kind, same = ev.from == pid, error = ev.result.error:kind() }
end }`),
      },
      { service: true },
    );
    const plain = t.process("app:plain");
    const trapping = t.process("app:trapping");
    await t.advance(2_000);
    expect(t.exits.get(plain)?.kind).toBe("terminated");
    expect(t.exits.get(trapping)).toEqual({ kind: "normal", value: { kind: "pid.link.down", same: true, error: "Conflict" } });
  });

  it("follows workflow.host entries: a worker per host, with the host's lease", async () => {
    const t = workflowTest({ "app:workflows": host({ lease: "2s" }), "app:flow": FLOW }, { service: true });
    const service = t.service!;
    expect(service.workers().map((w) => w.owner)).toEqual(["node-s/app:workflows"]);
    expect(service.sync([...t.registry.values()].filter((e) => e.kind !== "workflow.host"))).toEqual([]);
    expect(service.workers()).toEqual([]);
    expect(service.sync([{ id: "app:bad", kind: "workflow.host", meta: {}, data: { lease: "soon" } }])).toEqual([expect.stringContaining("lease must be a positive duration")]);
    await t.advance(LEASE_MS);
  });
});
