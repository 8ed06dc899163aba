import { describe, expect, it } from "vitest";
import { entry, luaTest, processEntry, unwrap } from "../../test-support";

const normal = (value: unknown) => ({ kind: "normal", value });

/**
 * A counter that keeps `n` across upgrades. Topics: `inc`; `get` (payload: pid to reply to);
 * `upgrade` (payload: target id or none → `process.upgrade(target, n)`); `stop` → returns;
 * `crash` → raises. An OUTDATED event also upgrades it (to its own entry).
 */
const counter = (version: number, extra = "") => `${extra}
local last_error
local function main(n)
  n = n or 0
  process.set_options({ upgradable = true })
  local inbox, events = process.inbox(), process.events()
  while true do
    local r = channel.select { inbox:case_receive(), events:case_receive() }
    if r.channel == events then
      if r.value.kind == process.event.OUTDATED then
        local _, err = process.upgrade(nil, n)
        last_error = err and { kind = err:kind(), message = err:message() }
      end
    else
      local msg = r.value
      local topic = msg:topic()
      if topic == "inc" then n = n + ${version}
      elseif topic == "upgrade" then
        local _, err = process.upgrade(msg:payload():data(), n)
        last_error = err and { kind = err:kind(), message = err:message() }
      elseif topic == "get" then
        process.send(msg:payload():data(), "reply", { version = ${version}, n = n, pid = process.pid(), id = process.id(), err = last_error })
      elseif topic == "stop" then return { version = ${version}, n = n }
      elseif topic == "crash" then error("version ${version} crashed")
      end
    end
  end
end
return { main = main }`;

const ASK = `return { main = function(dest) process.send(dest, "get", process.pid()); return process.inbox():receive():payload():data() end }`;

function world(extra: Record<string, { kind: string; source: string; data?: Record<string, unknown> }> = {}) {
  const t = luaTest({ "app:counter": processEntry(counter(1)), "app:ask": processEntry(ASK), ...extra });
  const put = (id: string, source: string, kind = "process.lua") => t.registry.set(id, entry(id, kind, source));
  const send = (dest: string, topic: string, ...payloads: unknown[]) => unwrap(t.kernel.send(dest, topic, payloads));
  const ask = (dest = "counter") => {
    const asker = t.spawn("app:ask", [dest]);
    t.settle(1_000);
    return t.exit(asker);
  };
  return { t, put, send, ask };
}

describe("process.upgrade keeps the process, replaces the code", () => {
  it("state passed to upgrade reaches the new code, whose behaviour is visible; pid and name stay", () => {
    const { t, put, send, ask } = world();
    const pid = t.spawn("app:counter", [], { name: "counter" });
    send("counter", "inc");
    send("counter", "inc");
    t.settle();
    put("app:counter", counter(10));
    send("counter", "upgrade");
    send("counter", "inc");
    t.settle();
    expect(t.alive(pid)).toBe(true);
    expect(ask()).toEqual(normal({ version: 10, n: 12, pid, id: "app:counter" }));
  });

  it("messages still unread at the upgrade are read by the new code, in order", () => {
    const { t, put, send } = world();
    const pid = t.spawn("app:counter", [], { name: "counter" });
    t.settle();
    put("app:counter", counter(10));
    // Queued together: the old code reads up to `upgrade`, the new one the rest.
    for (const topic of ["inc", "upgrade", "inc", "inc", "stop"]) send(pid, topic);
    t.settle();
    expect(t.exit(pid)).toEqual(normal({ version: 10, n: 21 }));
  });

  it("monitors and links stay: the new code's crash reaches both", () => {
    const { t, put, send } = world({
      "app:monitor": processEntry(`return { main = function(target)
        process.monitor(target)
        local e = process.events():receive()
        return { e.kind, e.result.error:message() }
      end }`),
      "app:linked": processEntry(`return { main = function(target)
        process.set_options({ trap_links = true })
        process.link(target)
        local e = process.events():receive()
        return { e.kind, e.result.error:message() }
      end }`),
    });
    const pid = t.spawn("app:counter", [], { name: "counter" });
    const monitor = t.spawn("app:monitor", [pid]);
    const linked = t.spawn("app:linked", [pid]);
    t.settle();
    put("app:counter", counter(10));
    send(pid, "upgrade");
    t.settle();
    expect(t.exit(monitor)).toBeUndefined();
    send(pid, "inc");
    send(pid, "crash");
    t.settle();
    expect(t.exit(pid)).toMatchObject({ kind: "crash", error: { entry: "app:counter", message: expect.stringMatching(/version 10 crashed/) } });
    expect(t.exit(monitor)).toEqual(normal(["pid.exit", expect.stringMatching(/version 10 crashed/)]));
    expect(t.exit(linked)).toEqual(normal(["pid.link.down", expect.stringMatching(/version 10 crashed/)]));
  });

  it("options and context stay; the environment and module state start afresh", () => {
    const withCtx = (version: number) =>
      counter(version, `local ctx = require("ctx")
module_level = (module_level or 0) + 1`).replace(
        `process.send(msg:payload():data(), "reply", {`,
        `process.send(msg:payload():data(), "reply", { tenant = ctx.get("tenant"), trap = process.get_options().trap_links, upgradable = process.get_options().upgradable, module_level = module_level, patched = string.patched,`,
      ).replace("n = n or 0", "n = n or 0; if n == 0 then process.set_options({ trap_links = true }); string.patched = true end");
    const { t, send, ask } = world({ "app:counter": { kind: "process.lua", source: withCtx(1), data: { modules: ["ctx"] } } });
    const pid = t.spawn("app:counter", [], { name: "counter", context: { tenant: "acme" } });
    send(pid, "inc");
    t.settle();
    expect(ask()).toMatchObject(normal({ tenant: "acme", trap: true, upgradable: true, module_level: 1, patched: true }));
    t.registry.set("app:counter", entry("app:counter", "process.lua", withCtx(2), { modules: ["ctx"] }));
    send(pid, "upgrade");
    t.settle();
    const after = ask();
    expect(after).toMatchObject(normal({ version: 2, n: 1, tenant: "acme", trap: true, upgradable: true, module_level: 1 }));
    expect((after as { value: { patched?: boolean } }).value.patched).toBeUndefined();
  });

  it("upgrade(id) runs another entry, relative to the caller's namespace; process.id() follows", () => {
    const { t, send, ask } = world({ "app:other": processEntry(counter(100)) });
    const pid = t.spawn("app:counter", [], { name: "counter" });
    send(pid, "inc");
    send(pid, "upgrade", "other");
    send(pid, "inc");
    t.settle();
    expect(ask()).toEqual(normal({ version: 100, n: 101, pid, id: "app:other" }));
  });

  it("upgrade(nil) runs the newest code of the process's own entry", () => {
    const { t, put, send, ask } = world({ "app:other": processEntry(counter(100)) });
    t.spawn("app:counter", [], { name: "counter" });
    t.settle();
    put("app:counter", counter(7));
    send("counter", "upgrade");
    send("counter", "inc");
    t.settle();
    expect(ask()).toMatchObject(normal({ version: 7, n: 7, id: "app:counter" }));
  });
});

describe("a refused upgrade returns nil, err and the old code goes on", () => {
  const broken = { id: "app:counter", kind: "process.lua", source: `return { main = function()\n  local x = = 1\nend }` };
  const library = { id: "app:lib", kind: "library.lua", source: `return {}` };
  it.each([
    ["a syntax error", broken, undefined, "Invalid", /^app:counter:2: unexpected symbol near '='/],
    ["a missing entry", null, "app:gone", "NotFound", /entry app:gone not found/],
    ["a library.lua", library, "app:lib", "Invalid", /app:lib is a library.lua, not a process.lua/],
  ])("%s", (_name, change, target, kind, message) => {
    const { t, put, send, ask } = world();
    const pid = t.spawn("app:counter", [], { name: "counter" });
    send(pid, "inc");
    t.settle();
    if (change !== null) put(change.id, change.source, change.kind);
    send(pid, "upgrade", target);
    send(pid, "inc");
    t.settle();
    expect(ask()).toEqual(normal({ version: 1, n: 2, pid, id: "app:counter", err: { kind, message: expect.stringMatching(message) } }));
  });

  it("state that is not plain data is Invalid", () => {
    const r = luaTest({
      "app:main": processEntry(`return { main = function(n)
        if n then return "upgraded" end
        local ok, err = process.upgrade(nil, { f = print })
        return { ok, err:kind(), err:message() }
      end }`),
    });
    const pid = r.spawn("app:main");
    r.settle();
    expect(r.exit(pid)).toEqual(normal([null, "Invalid", expect.stringMatching(/bad state: cannot copy a function value \(at \.f\)/)]));
  });

  it("inside a call that cannot yield it is Invalid", () => {
    const r = luaTest({
      "app:main": processEntry(`return { main = function(n)
        if n then return "upgraded" end
        local result
        table.sort({ 2, 1 }, function(a, b)
          if not result then result = { process.upgrade(nil, 1) } end
          return a < b
        end)
        return { result[1], result[2]:kind(), result[2]:message() }
      end }`),
    });
    const pid = r.spawn("app:main");
    r.settle();
    expect(r.exit(pid)).toEqual(normal([null, "Invalid", expect.stringMatching(/cannot yield/)]));
  });
});

describe("the old code's stack and coroutines end", () => {
  const run = (main: string, ms = 0) => {
    const r = luaTest({ "app:main": processEntry(`local time = require("time")\nreturn { main = function(state, ...)\n${main}\nend }`, { modules: ["time"] }) });
    const pid = r.spawn("app:main");
    r.settle(ms);
    return r.exit(pid);
  };

  it("upgrade inside pcall and a wrapped coroutine does not return", () => {
    expect(
      run(`
        if state then return "new code got " .. state end
        pcall(function() coroutine.wrap(function() process.upgrade(nil, "state") end)() end)
        return "upgrade returned"`),
    ).toEqual(normal("new code got state"));
  });

  it("upgrade from a coroutine.spawn thread replaces the blocked main thread", () => {
    expect(
      run(`
        if state then return "new code got " .. state end
        coroutine.spawn(function() process.upgrade(nil, "from a spawned thread") end)
        process.inbox():receive()
        return "main went on"`),
    ).toEqual(normal("new code got from a spawned thread"));
  });

  it("coroutine.spawn threads of the old code never run again", () => {
    expect(
      run(
        `
        if state then
          local got = {}
          local deadline = time.after("10s")
          while true do
            local r = channel.select { process.inbox():case_receive(), deadline:case_receive() }
            if r.channel == deadline then return got end
            got[#got + 1] = r.value:topic()
          end
        end
        coroutine.spawn(function() time.sleep("2s"); process.send(process.pid(), "from old coroutine") end)
        process.send(process.pid(), "before upgrade")
        time.sleep("1s") -- the coroutine is now waiting
        process.upgrade(nil, true)`,
        20_000,
      ),
    ).toEqual(normal(["before upgrade"]));
  });

  it("what the old code holds ends with it (exit hooks run): its ticker stops", () => {
    const r = luaTest({
      "app:main": processEntry(`local time = require("time")
return { main = function(state)
  if state then process.inbox():receive() end
  local ticker = time.ticker("1s")
  process.upgrade(nil, true)
end }`, { modules: ["time"] }),
    });
    const pid = r.spawn("app:main");
    r.settle(5_000);
    expect(r.alive(pid)).toBe(true);
    expect(r.clock.nextDueAt()).toBeUndefined();
  });
});
