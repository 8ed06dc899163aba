import type { Entry } from "@wippy/shared";
import { describe, expect, it } from "vitest";
import { entry, luaTest, processEntry, unwrap } from "./test-support";
import { notifyOutdated, upgradeProcess } from "./upgrade";

const normal = (value: unknown) => ({ kind: "normal", value });

/** On each message, replies with the events queued since (kind, sources, from, type of at). */
const DRAIN = `local lib = require("lib1")
return { main = function(upgradable)
  if upgradable then process.set_options({ upgradable = true }) end
  local events = process.events()
  while true do
    local msg = process.inbox():receive()
    if msg:topic() == "stop" then return end
    if msg:topic() == "off" then process.set_options({ upgradable = false }) end
    local got = {}
    while true do
      local r = channel.select { events:case_receive(), default = true }
      if r.default then break end
      got[#got + 1] = { kind = r.value.kind, sources = r.value.sources, from = r.value.from, at = type(r.value.at) }
    end
    process.send(msg:payload():data(), "reply", got)
  end
end }`;

/** Keeps `state` across upgrades; upgrades itself (to its own entry) on OUTDATED. */
const counter = (version: number) => `local fmt = require("fmt")
return { main = function(state)
  state = state or { n = 0 }
  process.set_options({ upgradable = true })
  local inbox, events = process.inbox(), process.events()
  while true do
    local r = channel.select { inbox:case_receive(), events:case_receive() }
    if r.channel == events then
      state.sources = r.value.sources
      process.upgrade(nil, state)
    elseif r.value:topic() == "get" then
      process.send(r.value:payload():data(), "reply", { version = ${version}, label = fmt.label, id = process.id(), state = state })
    else
      state.n = state.n + 1
    end
  end
end }`;

const ASK = `return { main = function(dest, topic) process.send(dest, topic or "get", process.pid()); return process.inbox():receive():payload():data() end }`;

function world() {
  const t = luaTest({
    "app:a": processEntry(DRAIN, { imports: { lib1: "app:lib1" } }),
    "app:c": processEntry(DRAIN.replace(`require("lib1")`, "nil")),
    "app:lib1": { kind: "library.lua", source: `local two = require("lib2")\nreturn { two = two }`, data: { imports: { lib2: "lib2" } } },
    "app:lib2": { kind: "library.lua", source: `return { x = 2 }` },
    "app:other-lib": { kind: "library.lua", source: `return {}` },
    "app:counter": processEntry(counter(1), { imports: { fmt: "app:fmt" } }),
    "app:fmt": { kind: "library.lua", source: `return { label = "L1" }` },
    "app:ask": processEntry(ASK),
  });
  const ask = (dest: string, topic?: string) => {
    const asker = t.spawn("app:ask", topic === undefined ? [dest] : [dest, topic]);
    t.settle();
    return t.exit(asker);
  };
  const notify = (...ids: string[]) => notifyOutdated(t.runtime, ids).sort();
  return { t, ask, notify };
}

const outdated = (...sources: string[]) => ({ kind: "pid.outdated", sources, from: "", at: "userdata" });

describe("notifyOutdated", () => {
  it("reaches upgradable processes whose code — entry or imported library, transitively — changed", () => {
    const { t, ask, notify } = world();
    const a = t.spawn("app:a", [true]);
    const b = t.spawn("app:a", [false]);
    const c = t.spawn("app:c", [true]);
    t.settle();
    expect(notify("app:lib2")).toEqual([a]);
    expect(notify("app:other-lib", "app:nothing")).toEqual([]);
    expect(notify("app:c", "app:lib1")).toEqual([a, c].sort());
    expect(ask(a)).toEqual(normal([outdated("app:lib2", "app:lib1")]));
    expect(ask(b)).toEqual(normal([]));
    expect(ask(c)).toEqual(normal([outdated("app:c")]));
  });

  it("coalesces while unread; once read, the next change is a new event", () => {
    const { t, ask, notify } = world();
    const a = t.spawn("app:a", [true]);
    t.settle();
    notify("app:a");
    notify("app:lib1", "app:a");
    notify("app:lib2");
    expect(ask(a)).toEqual(normal([outdated("app:a", "app:lib1", "app:lib2")]));
    notify("app:lib2");
    expect(ask(a)).toEqual(normal([outdated("app:lib2")]));
    expect(ask(a)).toEqual(normal([]));
  });

  it("a library deleted from the registry still counts by its id", () => {
    const { t, notify } = world();
    const a = t.spawn("app:a", [true]);
    t.settle();
    t.registry.delete("app:lib1");
    expect(notify("app:lib1")).toEqual([a]);
  });

  it("stops when the process clears the option or exits", () => {
    const { t, ask, notify } = world();
    const a = t.spawn("app:a", [true]);
    const c = t.spawn("app:c", [true]);
    t.settle();
    expect(ask(a, "off")).toEqual(normal([]));
    unwrap(t.kernel.send(c, "stop"));
    t.settle();
    expect(t.alive(c)).toBe(false);
    expect(notify("app:a", "app:c")).toEqual([]);
    expect(ask(a)).toEqual(normal([]));
  });

  it("get_options reports upgradable", () => {
    const t = luaTest({
      "app:main": processEntry(`return { main = function()
        local before = process.get_options().upgradable
        process.set_options({ upgradable = true })
        return { before, process.get_options().upgradable, process.get_options().trap_links }
      end }`),
    });
    const pid = t.spawn("app:main");
    t.settle();
    expect(t.exit(pid)).toEqual(normal([false, true, false]));
  });

  it("an upgradable process upgrades itself on OUTDATED: new code and libraries, same state", () => {
    const { t, ask, notify } = world();
    const pid = t.spawn("app:counter");
    unwrap(t.kernel.send(pid, "inc"));
    t.settle();
    t.registry.set("app:fmt", entry("app:fmt", "library.lua", `return { label = "L2" }`));
    expect(notify("app:fmt")).toEqual([pid]);
    t.settle();
    expect(ask(pid)).toEqual(normal({ version: 1, label: "L2", id: "app:counter", state: { n: 1, sources: ["app:fmt"] } }));
    t.registry.set("app:counter", entry("app:counter", "process.lua", counter(2), { imports: { fmt: "app:fmt" } }));
    unwrap(t.kernel.send(pid, "inc"));
    expect(notify("app:counter")).toEqual([pid]);
    t.settle();
    expect(ask(pid)).toEqual(normal({ version: 2, label: "L2", id: "app:counter", state: { n: 2, sources: ["app:counter"] } }));
  });
});

describe("upgradeProcess (supervision's on_change: upgrade)", () => {
  const service = (process: string): Entry => ({ id: "app:svc", kind: "process.service", meta: {}, data: { process, host: "app:processes" } });

  it("an upgradable process gets OUTDATED from its service and upgrades to the process the service names now", () => {
    const { t, ask } = world();
    t.registry.set("app:counter2", entry("app:counter2", "process.lua", counter(20), { imports: { fmt: "app:fmt" } }));
    const pid = t.spawn("app:counter");
    unwrap(t.kernel.send(pid, "inc"));
    t.settle();
    expect(upgradeProcess(t.runtime, pid, service("app:counter2"))).toEqual({ ok: true, value: true });
    t.settle();
    expect(t.alive(pid)).toBe(true);
    expect(ask(pid)).toEqual(normal({ version: 20, label: "L1", id: "app:counter2", state: { n: 1, sources: ["app:svc"] } }));
  });

  it.each([
    ["not upgradable", (t: ReturnType<typeof world>["t"]) => t.spawn("app:a", [false])],
    ["not running", (t: ReturnType<typeof world>["t"]) => {
      const pid = t.spawn("app:c", [true]);
      t.settle();
      unwrap(t.kernel.send(pid, "stop"));
      return pid;
    }],
  ])("a process that is %s is refused (supervision restarts it instead)", (_name, start) => {
    const { t, ask } = world();
    const pid = start(t);
    t.settle();
    expect(upgradeProcess(t.runtime, pid, service("app:a"))).toMatchObject({ ok: false, error: { kind: "Invalid" } });
    if (t.alive(pid)) expect(ask(pid)).toEqual(normal([]));
  });

  it("a process whose security context is not the service's new one is refused (it restarts instead)", () => {
    const { t } = world();
    const actor = Object.freeze({ id: "svc:a", meta: {} });
    const pid = t.spawn("app:counter", [], { security: { actor } });
    t.settle();
    expect(upgradeProcess(t.runtime, pid, service("app:counter"), { security: { actor } })).toEqual({ ok: true, value: true });
    expect(upgradeProcess(t.runtime, pid, service("app:counter"), { security: { actor: { id: "svc:b", meta: {} } } })).toMatchObject({
      ok: false,
      error: { kind: "Invalid", message: "the security context of app:svc changed; it restarts to take it" },
    });
    expect(upgradeProcess(t.runtime, pid, service("app:counter"), { security: undefined })).toMatchObject({ ok: false });
  });
});
