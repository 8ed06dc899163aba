import { describe, expect, it } from "vitest";
import { luaTest, processEntry } from "../../test-support";

const normal = (value: unknown) => ({ kind: "normal", value });

const CHILD = `return { main = function(how)
  if how == "value" then return "ok" end
  if how == "error" then return nil, errors.new({ message = "failed", kind = errors.CONFLICT }) end
  if how == "raise" then error(errors.new({ message = "boom", kind = errors.INTERNAL })) end
  if how == "terminate" then process.terminate(process.pid()); return "unreachable" end
  process.inbox():receive()
end }`;

/** Waits for one event (or 5s) and describes it. */
const NEXT_EVENT = `
  local events = process.events()
  local r = channel.select { events:case_receive(), time.after("5s"):case_receive() }
  if r.channel ~= events then return "no event" end
  local e = r.value
  return { e.kind, e.from == child, e.result.value, e.result.error and e.result.error:kind(), type(e.at) }`;

function parent(body: string) {
  const t = luaTest({
    "app:parent": processEntry(`local time = require("time")\nreturn { main = function(how, trap)\n${body}\nend }`, { modules: ["time"] }),
    "app:child": processEntry(CHILD),
    "app:middle": processEntry(`return { main = function() process.spawn_linked("app:child", "app:processes", "raise"); process.inbox():receive() end }`),
  });
  return (...args: unknown[]) => {
    const pid = t.spawn("app:parent", args);
    t.settle(10_000);
    return t.exit(pid);
  };
}

const ERROR_EXITS: [string, string][] = [
  ["error", "Conflict"],
  ["raise", "Internal"],
  ["terminate", "Canceled"],
];

describe("links × trap_links × exit kind", () => {
  const run = parent(`
    process.set_options({ trap_links = trap })
    local child = process.spawn_linked("app:child", "app:processes", how)
    ${NEXT_EVENT}`);

  it.each([true, false])("a normal exit sends nothing over the link (trap_links = %s)", (trap) => {
    expect(run("value", trap)).toEqual(normal("no event"));
  });

  it.each(ERROR_EXITS)("trap_links = true: a %s exit arrives as LINK_DOWN with the error (%s)", (how, kind) => {
    expect(run(how, true)).toEqual(normal(["pid.link.down", true, null, kind, "userdata"]));
  });

  it.each(ERROR_EXITS)("trap_links = false: a %s exit kills the linked process with that error kind (%s)", (how, kind) => {
    expect(run(how, false)).toMatchObject({ kind: "link_down", error: { kind } });
  });

  it("links cascade: parent ← middle ← child", () => {
    const cascade = parent(`
      process.set_options({ trap_links = true })
      local child = process.spawn_linked("app:middle", "app:processes")
      ${NEXT_EVENT}`);
    expect(cascade()).toEqual(normal(["pid.link.down", true, null, "Internal", "userdata"]));
  });

  it("unlink: no LINK_DOWN afterwards", () => {
    const unlinked = parent(`
      process.set_options({ trap_links = true })
      local child = process.spawn_linked("app:child", "app:processes", "wait")
      local ok = process.unlink(child)
      process.terminate(child)
      ${NEXT_EVENT}`);
    expect(unlinked()).toEqual(normal("no event"));
  });

  it("link to a running process, then it fails", () => {
    const linked = parent(`
      process.set_options({ trap_links = true })
      local child = process.spawn("app:child", "app:processes", "wait")
      assert(process.link(child))
      process.terminate(child)
      ${NEXT_EVENT}`);
    expect(linked()).toEqual(normal(["pid.link.down", true, null, "Canceled", "userdata"]));
  });

  it("get_options reflects set_options", () => {
    const options = parent(`
      local before = process.get_options().trap_links
      local ok = process.set_options({ trap_links = true })
      return { before, ok, process.get_options().trap_links }`);
    expect(options()).toEqual(normal([false, true, true]));
  });
});

describe("monitors × exit kind", () => {
  const run = parent(`
    local child = process.spawn_monitored("app:child", "app:processes", how)
    ${NEXT_EVENT}`);

  it("a normal exit: EXIT with result.value", () => {
    expect(run("value")).toEqual(normal(["pid.exit", true, "ok", null, "userdata"]));
  });

  it.each(ERROR_EXITS)("a %s exit: EXIT with result.error (%s)", (how, kind) => {
    expect(run(how)).toEqual(normal(["pid.exit", true, null, kind, "userdata"]));
  });

  it("monitoring the same pid twice is AlreadyExists; unmonitor stops EXIT", () => {
    const twice = parent(`
      local child = process.spawn_monitored("app:child", "app:processes", "wait")
      local ok, err = process.monitor(child)
      local un = process.unmonitor(child)
      process.terminate(child)
      local r = channel.select { process.events():case_receive(), time.after("1s"):case_receive() }
      return { ok == nil, err:kind(), un, r.channel == process.events() }`);
    expect(twice()).toEqual(normal([true, "AlreadyExists", true, false]));
  });

  it("monitor of a dead pid is NotFound", () => {
    const dead = parent(`
      local child = process.spawn("app:child", "app:processes", "value")
      time.sleep("1s")
      local ok, err = process.monitor(child)
      return { ok == nil, err:kind() }`);
    expect(dead()).toEqual(normal([true, "NotFound"]));
  });

  it("spawn_linked_monitored: both EXIT and, trapping, LINK_DOWN", () => {
    const both = parent(`
      process.set_options({ trap_links = true })
      local child = process.spawn_linked_monitored("app:child", "app:processes", "raise")
      local a = process.events():receive()
      local b = process.events():receive()
      return { a.kind, b.kind }`);
    expect(both()).toEqual(normal(["pid.exit", "pid.link.down"]));
  });
});

describe("cancel and terminate", () => {
  it("cancel delivers CANCEL {from, reason}; the target decides when to return", () => {
    const t = luaTest({
      "app:target": processEntry(`return { main = function()
        local e = process.events():receive()
        return { e.kind, e.from, e.reason }
      end }`),
      "app:canceller": processEntry(`return { main = function(target) return process.cancel(target, "shutting down") end }`),
    });
    const target = t.spawn("app:target");
    const canceller = t.spawn("app:canceller", [target]);
    t.settle();
    expect(t.exit(canceller)).toEqual(normal(true));
    expect(t.exit(target)).toEqual(normal(["pid.cancel", canceller, "shutting down"]));
  });

  it("terminate of a dead pid is NotFound", () => {
    const dead = parent(`
      local child = process.spawn("app:child", "app:processes", "value")
      time.sleep("1s")
      local ok, err = process.terminate(child)
      return { ok == nil, err:kind() }`);
    expect(dead()).toEqual(normal([true, "NotFound"]));
  });
});
