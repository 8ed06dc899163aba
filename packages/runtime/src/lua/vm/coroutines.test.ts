import { describe, expect, it } from "vitest";
import { luaTest, processEntry, runLua } from "../test-support";

const normal = (value: unknown) => ({ kind: "normal", value });

describe("user coroutines", () => {
  it("create / resume / yield / status / wrap behave as in Lua 5.3", () => {
    const r = runLua(`return { main = function()
      local co = coroutine.create(function(a, b)
        local c = coroutine.yield(a + b)
        local d, e = coroutine.yield(c * 2)
        return d + e
      end)
      local out = {}
      local ok, v = coroutine.resume(co, 1, 2); out[#out + 1] = v
      out[#out + 1] = coroutine.status(co)
      ok, v = coroutine.resume(co, 10); out[#out + 1] = v
      ok, v = coroutine.resume(co, 3, 4); out[#out + 1] = v
      out[#out + 1] = coroutine.status(co)
      local ok2, err = coroutine.resume(co)
      out[#out + 1] = ok2
      out[#out + 1] = err
      local gen = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end end)
      out[#out + 1] = gen() + gen() + gen()
      return out
    end }`);
    expect(r).toEqual(normal([3, "suspended", 20, 7, "dead", false, "cannot resume dead coroutine", 6]));
  });

  it("errors inside a coroutine come back from resume; wrap re-raises them", () => {
    const r = runLua(`return { main = function()
      local ok, err = coroutine.resume(coroutine.create(function() error("inside") end))
      local ok2, err2 = pcall(coroutine.wrap(function() error("wrapped", 0) end))
      return { ok, err, ok2, err2 }
    end }`);
    expect(r).toEqual(normal([false, "app:main:2: inside", false, "wrapped"]));
  });

  it("running and isyieldable tell root threads from coroutines", () => {
    const r = runLua(`return { main = function()
      local _, main = coroutine.running()
      local inside
      coroutine.wrap(function() local _, m = coroutine.running(); inside = { m, coroutine.isyieldable() } end)()
      return { main, coroutine.isyieldable(), inside[1], inside[2] }
    end }`);
    expect(r).toEqual(normal([true, false, false, true]));
  });

  it("yield outside a coroutine raises", () => {
    const r = runLua(`return { main = function() coroutine.yield(1) end }`);
    expect(r).toMatchObject({ kind: "crash", error: { message: expect.stringMatching(/attempt to yield from outside a coroutine/) } });
  });

  it("a blocking call inside a user coroutine waits and the coroutine continues", () => {
    const r = runLua(
      `local time = require("time")
      return { main = function()
        local gen = coroutine.wrap(function()
          for i = 1, 3 do time.sleep("1s"); coroutine.yield(i) end
          return "end"
        end)
        local started = time.now()
        local got = { gen(), gen(), gen(), gen() }
        got[#got + 1] = time.now():sub(started):seconds()
        return got
      end }`,
      [],
      { ms: 10_000 },
    );
    expect(r).toEqual(normal([1, 2, 3, "end", 3]));
  });

  it("a blocking call inside a user coroutine blocks the whole process (it is one actor)", () => {
    const t = luaTest({
      "app:main": processEntry(`return { main = function()
        local ch = channel.new()
        local co = coroutine.create(function() ch:send(1) end)
        coroutine.resume(co)
        return "unreachable"
      end }`),
    });
    const pid = t.spawn("app:main");
    t.settle(60_000);
    expect(t.alive(pid)).toBe(true);
  });
});

describe("coroutine.spawn", () => {
  it("runs concurrently inside the process and talks over channels", () => {
    const r = runLua(`return { main = function()
      local ch = channel.new()
      local done = channel.new(1)
      coroutine.spawn(function()
        local sum = 0
        while true do
          local v, ok = ch:receive()
          if not ok then break end
          sum = sum + v
        end
        done:send(sum)
      end)
      for i = 1, 10 do ch:send(i) end
      ch:close()
      return done:receive()
    end }`);
    expect(r).toEqual(normal(55));
  });

  it("spawned coroutines end when the main function returns", () => {
    const t = luaTest({
      "app:main": processEntry(
        `local time = require("time")
        return { main = function(observer)
          coroutine.spawn(function()
            while true do time.sleep("1s"); process.send(observer, "tick") end
          end)
          time.sleep("2500ms")
          return "main done"
        end }`,
        { modules: ["time"] },
      ),
      "app:observer": processEntry(
        `local time = require("time")
        return { main = function()
          local n = 0
          local deadline = time.after("10s")
          while true do
            local r = channel.select { process.inbox():case_receive(), deadline:case_receive() }
            if r.channel == deadline then return n end
            n = n + 1
          end
        end }`,
        { modules: ["time"] },
      ),
    });
    const observer = t.spawn("app:observer");
    const main = t.spawn("app:main", [observer]);
    t.settle(20_000);
    expect(t.exit(main)).toEqual(normal("main done"));
    expect(t.exit(observer)).toEqual(normal(2));
  });

  it("an error in a spawned coroutine crashes the process", () => {
    const r = runLua(`return { main = function()
      coroutine.spawn(function() error("spawned failure") end)
      process.inbox():receive()
    end }`);
    expect(r).toMatchObject({ kind: "crash", error: { message: expect.stringMatching(/spawned failure/) } });
  });

  it("several coroutines wait on different channels at once", () => {
    const r = runLua(
      `local time = require("time")
      return { main = function()
        local results = channel.new(3)
        for i = 1, 3 do
          coroutine.spawn(function() time.sleep((4 - i) .. "s"); results:send(i) end)
        end
        local a, b, c = results:receive(), results:receive(), (results:receive())
        return { a, b, c }
      end }`,
      [],
      { ms: 10_000 },
    );
    expect(r).toEqual(normal([3, 2, 1]));
  });
});
