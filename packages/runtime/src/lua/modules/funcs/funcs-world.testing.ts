/**
 * A small world for the `funcs` tests: a kernel with two hosts, the callees below, and a
 * `app:main` process whose body is the test's Lua.
 */
import type { Entry } from "@wippy/shared";
import { HOST, luaTest, processEntry, unwrap, type LuaTestOptions } from "../../test-support";
import { funcsModule } from ".";

export const OTHER_HOST = "app:other";

const fn = (source: string, modules: string[] = []) => ({ kind: "function.lua", source, data: { modules } });

export const CALLEES = {
  "app:add": fn(`return { main = function(a, b) return a + b end }`),
  "app:who": fn(
    `local ctx = require("ctx")
return { main = function(...) return { pid = process.pid(), id = process.id(), ctx = ctx.all(), args = { ... } } end }`,
    ["ctx"],
  ),
  "app:fails": fn(`return { main = function() return nil, errors.new({ message = "no luck", kind = errors.UNAVAILABLE, retryable = true, details = { n = 1 } }) end }`),
  "app:raises": fn(`return { main = function() error(errors.new({ message = "boom", kind = errors.CONFLICT, retryable = false })) end }`),
  "app:raises_text": fn(`return { main = function() error("plain failure") end }`),
  "app:slow": fn(`local time = require("time")\nreturn { main = function() time.sleep("1s"); return "slow done" end }`, ["time"]),
  "app:forever": fn(`return { main = function() process.inbox():receive() end }`),
  "app:nothing": fn(`return { main = function() end }`),
  "app:identity": fn(`local time = require("time")
return { main = function()
  local me = process.pid()
  process.registry.register("fn-name")
  process.send("fn-name", "note", "to myself")
  local note = process.inbox():receive():payload():data()
  local child = process.spawn_monitored("app:child", "${HOST}")
  local exit = process.events():receive()
  return { looked_up = process.registry.lookup("fn-name") == me, note = note, child_exit = exit.result.value, from_child = exit.from == child }
end }`, ["time"]),
  "app:child": processEntry(`return { main = function() return 7 end }`),
  "app:hosted": { kind: "process.lua", source: `return { main = function(x) return { pid = process.pid(), x = x } end }` },
  "app:unhosted": { kind: "process.lua", source: `return { main = function() return 1 end }` },
  "app:fn_elsewhere": fn(`return { main = function() return process.pid() end }`),
  "app:lib": { kind: "library.lua", source: `return {}` },
  "app:cfg": { kind: "registry.entry", source: "" },
};

/** The world, with `main` as the body of `app:main` (which may use funcs, time, ctx). */
export function funcsWorld(main: string, options: LuaTestOptions = {}) {
  const t = luaTest(
    {
      ...CALLEES,
      "app:main": processEntry(`local funcs = require("funcs")\nlocal time = require("time")\nlocal ctx = require("ctx")\nreturn { main = function(...)\n${main}\nend }`, {
        modules: ["funcs", "time", "ctx", "security"],
      }),
    },
    { ...options, modules: [funcsModule(), ...(options.modules ?? [])] },
  );
  unwrap(t.kernel.hosts.add(OTHER_HOST, {}));
  setMeta(t.registry, "app:hosted", { default_host: OTHER_HOST });
  setMeta(t.registry, "app:fn_elsewhere", { default_host: OTHER_HOST });
  return t;
}

export function setMeta(registry: Map<string, Entry>, id: string, meta: Entry["meta"]): void {
  const entry = registry.get(id);
  if (entry === undefined) throw new Error(`no entry ${id}`);
  registry.set(id, { ...entry, meta });
}

/** Runs `main` to its end (or `ms` of simulated time) and returns the exit and the world. */
export function runMain(main: string, args: unknown[] = [], ms = 60_000, options: LuaTestOptions & { context?: Record<string, unknown> } = {}) {
  const t = funcsWorld(main, options);
  const pid = t.spawn("app:main", args, { context: options.context });
  t.settle(ms);
  return { exit: t.exit(pid), t, pid };
}

export const normal = (value: unknown) => ({ kind: "normal", value });
