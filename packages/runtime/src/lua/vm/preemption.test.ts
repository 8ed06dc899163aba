import { describe, expect, it } from "vitest";
import { luaTest, processEntry } from "../test-support";

const normal = (value: unknown) => ({ kind: "normal", value });

describe("preemption (count hook)", () => {
  it("an endless loop does not stall another process on the same host", () => {
    const t = luaTest({
      "app:spin": processEntry(`return { main = function() while true do end end }`),
      "app:work": processEntry(`return { main = function() local s = 0; for i = 1, 10000 do s = s + i end; return s end }`),
    });
    const spin = t.spawn("app:spin");
    const work = t.spawn("app:work");
    for (let i = 0; i < 200 && t.exit(work) === undefined; i++) t.kernel.runSlice(10);
    expect(t.exit(work)).toEqual(normal(50005000));
    expect(t.alive(spin)).toBe(true);
    t.kernel.terminate(spin);
    expect(t.alive(spin)).toBe(false);
  });

  it("a loop inside a user coroutine is preempted too, and resumes where it was", () => {
    const t = luaTest({
      "app:spin": processEntry(`return { main = function()
        local co = coroutine.wrap(function() local n = 0; for i = 1, 300000 do n = n + 1 end; return n end)
        return co()
      end }`),
      "app:work": processEntry(`return { main = function() return "done" end }`),
    });
    const spin = t.spawn("app:spin");
    t.kernel.runSlice(1);
    expect(t.alive(spin)).toBe(true);
    const work = t.spawn("app:work");
    t.kernel.runSlice(2);
    expect(t.exit(work)).toEqual(normal("done"));
    expect(t.alive(spin)).toBe(true);
    t.settle();
    expect(t.exit(spin)).toEqual(normal(300000));
  });

  it("code that cannot yield (a sort comparator) runs on and is preempted afterwards", () => {
    const t = luaTest({
      "app:sort": processEntry(`return { main = function()
        local t = {}
        for i = 1, 3000 do t[i] = (i * 7919) % 3001 end
        table.sort(t, function(a, b) local x = 0; for j = 1, 20 do x = x + j end; return a < b end)
        return t[1] <= t[2] and t[2999] <= t[3000]
      end }`),
    });
    const pid = t.spawn("app:sort");
    t.settle();
    expect(t.exit(pid)).toEqual(normal(true));
  });

  it("a terminated spinning process stops at once", () => {
    const t = luaTest({
      "app:spin": processEntry(`return { main = function() while true do end end }`),
      "app:killer": processEntry(`return { main = function(victim) return process.terminate(victim) end }`),
    });
    const spin = t.spawn("app:spin");
    t.kernel.runSlice(1);
    const killer = t.spawn("app:killer", [spin]);
    t.settle();
    expect(t.exit(killer)).toEqual(normal(true));
    expect(t.exit(spin)).toMatchObject({ kind: "terminated" });
  });
});

describe("spawn backpressure", () => {
  it("a spawner gives up its turn once its host's run queue is full", () => {
    const t = luaTest(
      {
        "app:spawner": processEntry(`return { main = function() for i = 1, 100 do process.spawn("app:child", "app:processes") end; return "all" end }`),
        "app:child": processEntry(`return { main = function() return 1 end }`),
      },
      { host: { queueSize: 4 } },
    );
    const spawner = t.spawn("app:spawner");
    t.kernel.runSlice(1);
    expect(t.kernel.processCount).toBeLessThanOrEqual(1 + 5);
    t.settle();
    expect(t.exit(spawner)).toEqual(normal("all"));
    expect(t.kernel.processCount).toBe(0);
  });
});
