import { describe, expect, it } from "vitest";
import { EventBus, publishRegistryChanges } from "../../events";
import { RegistryView } from "../../registry/view";
import { luaTest, processEntry } from "../test-support";
import { eventsModule } from "./events";

const normal = (value: unknown) => ({ kind: "normal", value });

function world(main: string, bus = new EventBus()) {
  const t = luaTest(
    { "app:main": processEntry(`local events = require("events")\nlocal time = require("time")\nreturn { main = function(...)\n${main}\nend }`, { modules: ["events", "time"] }) },
    { modules: [eventsModule(bus)] },
  );
  return { t, bus };
}

function run(main: string, bus?: EventBus) {
  const { t } = world(main, bus);
  const pid = t.spawn("app:main");
  t.settle(10_000);
  return t.exit(pid);
}

describe("events.send / events.subscribe (LUA_API §5)", () => {
  it("delivers matching events as {system, kind, path, data}, in order; data only when given", () => {
    const exit = run(`
      local sub = events.subscribe("orders.*", "order.(created|paid)")
      assert(events.send("orders.eu", "order.created", "/orders/1", { total = 10 }))
      assert(events.send("orders.eu", "order.shipped", "/orders/1", { total = 10 }))
      assert(events.send("orders", "order.created", "/orders/2"))
      assert(events.send("orders.us", "order.paid", "/orders/3"))
      local ch, got = sub:channel(), {}
      for i = 1, 2 do got[i] = ch:receive() end
      return { got = got, same = sub:channel() == ch, data_absent = got[2].data == nil }`);
    expect(exit).toEqual(
      normal({
        got: [
          { system: "orders.eu", kind: "order.created", path: "/orders/1", data: { total: 10 } },
          { system: "orders.us", kind: "order.paid", path: "/orders/3" },
        ],
        same: true,
        data_absent: true,
      }),
    );
  });

  it("`**` matches any depth and an omitted kind accepts every kind", () => {
    const exit = run(`
      local sub = events.subscribe("app.**")
      events.send("app", "a", "/1")
      events.send("app.x.y", "b.c", "/2")
      events.send("other", "a", "/3")
      local ch = sub:channel()
      local first, second = ch:receive(), ch:receive()
      local r = channel.select { ch:case_receive(), default = true }
      return { first.system, second.system, second.kind, r.default }`);
    expect(exit).toEqual(normal(["app", "app.x.y", "b.c", true]));
  });

  it.each([
    ["an empty system", `events.send("", "k", "/p")`],
    ["an empty kind", `events.send("s", "", "/p")`],
    ["an empty path", `events.send("s", "k", "")`],
    ["data that cannot be copied", `events.send("s", "k", "/p", { f = print })`],
    ["a bad system pattern", `events.subscribe("a.(b")`],
    ["a bad kind pattern", `events.subscribe("a", "x*y")`],
    ["an empty system pattern", `events.subscribe("")`],
  ])("%s → nil, Invalid (not retryable)", (_name, call) => {
    const exit = run(`local v, err = ${call}; return { v == nil, err:kind(), err:retryable() }`);
    expect(exit).toEqual(normal([true, "Invalid", false]));
  });

  it("close is idempotent; buffered events drain, then receive gives nil, false", () => {
    const bus = new EventBus();
    const exit = run(
      `
      local sub = events.subscribe("s")
      events.send("s", "k", "/1")
      local a, b = sub:close(), sub:close()
      events.send("s", "k", "/2")
      local ch = sub:channel()
      local e1, ok1 = ch:receive()
      local e2, ok2 = ch:receive()
      return { a, b, e1.path, ok1, e2 == nil, ok2 }`,
      bus,
    );
    expect(exit).toEqual(normal([true, true, "/1", true, true, false]));
    expect(bus.stats().subscriptions).toBe(0);
  });

  it("a process's open subscriptions are closed when it exits, whatever the reason", () => {
    const bus = new EventBus();
    const { t } = world(`events.subscribe("a"); events.subscribe("b", "x"); if ... == "wait" then process.inbox():receive() end; return true`, bus);
    const returns = t.spawn("app:main");
    const waits = t.spawn("app:main", ["wait"]);
    t.settle();
    expect(t.exit(returns)).toEqual(normal(true));
    expect(bus.stats().subscriptions).toBe(2);
    t.kernel.terminate(waits);
    t.settle();
    expect(bus.stats().subscriptions).toBe(0);
  });

  it("events published from the host reach a waiting subscriber; registry changes arrive as registry events", () => {
    const bus = new EventBus();
    const view = new RegistryView();
    publishRegistryChanges(view, bus);
    const { t } = world(
      `
      local sub = events.subscribe("registry", "entry.*")
      local e = sub:channel():receive()
      return { e.kind, e.path, e.data.kind, e.data.data.x, e.data.version }`,
      bus,
    );
    const pid = t.spawn("app:main");
    t.settle();
    expect(t.alive(pid)).toBe(true);
    view.applyDelta({ version: { id: 1 }, changes: [{ id: "app:cfg", op: "create", entry: { id: "app:cfg", kind: "registry.entry", meta: {}, data: { x: 5 } } }] });
    t.settle();
    expect(t.exit(pid)).toEqual(normal(["entry.create", "app:cfg", "registry.entry", 5, 1]));
  });
});
