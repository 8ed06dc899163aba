import { describe, expect, it } from "vitest";
import { serialTask } from "./serial-task";

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (e: Error) => void } {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe("serialTask", () => {
  it("never runs two at once and serves every request that arrives mid-run with one follow-up run", async () => {
    const gates: ReturnType<typeof deferred>[] = [];
    let active = 0;
    let maxActive = 0;
    const task = serialTask(async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      const gate = deferred();
      gates.push(gate);
      await gate.promise;
      active--;
    });
    const first = task.request();
    const second = task.request();
    const third = task.request();
    expect(second).toBe(third);
    expect(gates).toHaveLength(1);
    gates[0]?.resolve();
    await first;
    await Promise.resolve();
    await Promise.resolve();
    expect(gates).toHaveLength(2);
    gates[1]?.resolve();
    await second;
    expect(maxActive).toBe(1);
    await task.idle();
    expect(gates).toHaveLength(2);
  });

  it("a failed run rejects its own requests only; the next request runs again", async () => {
    let calls = 0;
    const task = serialTask(async () => {
      calls++;
      if (calls === 1) throw new Error("database away");
    });
    await expect(task.request()).rejects.toThrow("database away");
    await expect(task.request()).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });
});
