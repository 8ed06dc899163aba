import { describe, expect, it } from "vitest";
import type { Entry } from "@wippy/shared";
import { Kernel, Pump, RealClock, type ExitReason, type Pid } from "../kernel";
import { LuaRuntime } from "./runtime";
import { HOST, luaTest, processEntry } from "./test-support";

describe("LuaRuntime", () => {
  it("runs on the real event loop (Pump + RealClock)", async () => {
    const pump = new Pump(setImmediate);
    const exits = new Map<Pid, ExitReason>();
    const kernel = new Kernel({ clock: new RealClock(), onWork: pump.onWork, observer: { exited: (pid, _id, reason) => void exits.set(pid, reason) } });
    pump.attach(kernel);
    kernel.hosts.add(HOST);
    const entries = new Map<string, Entry>([
      ["app:sleeper", { id: "app:sleeper", kind: "process.lua", meta: {}, data: { source: `local time = require("time")\nreturn function() local t0 = time.now(); time.sleep("20ms"); return time.now():sub(t0):milliseconds() >= 19 end`, modules: ["time"] } }],
    ]);
    const runtime = new LuaRuntime({ kernel, resolveEntry: (id) => entries.get(id) });
    const spawned = runtime.spawn("app:sleeper", HOST);
    if (!spawned.ok) throw new Error(spawned.error.message);
    for (let i = 0; i < 100 && !exits.has(spawned.value); i++) await new Promise((r) => setTimeout(r, 5));
    expect(exits.get(spawned.value)).toEqual({ kind: "normal", value: true });
  });

  it("spawnSpec refuses unknown entries, other kinds, unknown hosts and bad sources without spawning", () => {
    const t = luaTest({
      "app:lib": { kind: "library.lua", source: "return {}" },
      "app:svc": { kind: "process.service", source: "" },
      "app:bad": processEntry("return {"),
      "app:ok": processEntry("return function() end"),
    });
    const failures = [
      t.runtime.spawnSpec("app:missing", HOST),
      t.runtime.spawnSpec("app:lib", HOST),
      t.runtime.spawnSpec("app:svc", HOST),
      t.runtime.spawnSpec("app:ok", "app:nowhere"),
      t.runtime.spawnSpec("app:bad", HOST),
    ].map((r) => (r.ok ? "ok" : r.error.kind));
    expect(failures).toEqual(["NotFound", "Invalid", "Invalid", "NotFound", "Invalid"]);
    expect(t.kernel.processCount).toBe(0);
  });

  it("one Lua VM per host; compiled chunks are shared by every process of an entry", () => {
    const t = luaTest({ "app:ok": processEntry("return function() end") });
    t.kernel.hosts.add("app:other");
    const a = t.runtime.vm(HOST);
    const b = t.runtime.vm("app:other");
    expect(a.ok && b.ok && a.value !== b.value && a.value === (t.runtime.vm(HOST) as { value: unknown }).value).toBe(true);
    const first = t.runtime.spawnSpec("app:ok", HOST);
    const second = t.runtime.spawnSpec("app:ok", HOST);
    expect(first.ok && second.ok).toBe(true);
    const vm = a.ok ? a.value : null;
    const entry = t.registry.get("app:ok") as Entry;
    const c1 = vm?.compile(entry);
    const c2 = vm?.compile(entry);
    expect(c1?.ok && c2?.ok && c1.value.chunk.value === c2.value.chunk.value).toBe(true);
    const changed = vm?.compile({ ...entry, data: { ...entry.data, source: "return function() return 2 end" } });
    expect(changed?.ok && c1?.ok && changed.value.chunk.value !== c1.value.chunk.value).toBe(true);
  });

  it("processes on two hosts run in separate Lua states", () => {
    const t = luaTest({ "app:g": processEntry(`return function(v) shared_global = (shared_global or 0) + v; string.mark = v; return shared_global end`) });
    t.kernel.hosts.add("app:other");
    const a = t.spawn("app:g", [1]);
    const b = t.runtime.spawn("app:g", "app:other", [10]);
    t.settle();
    expect(t.exit(a)).toEqual({ kind: "normal", value: 1 });
    expect(b.ok && t.exit(b.value)).toEqual({ kind: "normal", value: 10 });
  });
});
