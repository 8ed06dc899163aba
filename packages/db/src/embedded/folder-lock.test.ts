import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withFolderLock } from "./folder-lock";
import { addHolder, countLiveHolders, removeHolder } from "./holders";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "wippy-lock-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A pid that certainly belongs to no running process: a child that has already exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", ""]).pid ?? 0;
}

describe("withFolderLock", () => {
  it("serialises work on the same lock and releases it afterwards", async () => {
    const lock = path.join(dir, "x.lock");
    const events: string[] = [];
    const work = (name: string) => async () => {
      events.push(`${name} in`);
      await new Promise((resolve) => setTimeout(resolve, 30));
      events.push(`${name} out`);
    };
    await Promise.all([withFolderLock(lock, work("a"), { pollMs: 5 }), withFolderLock(lock, work("b"), { pollMs: 5 })]);
    expect(events).toEqual(["a in", "a out", "b in", "b out"]);
    expect(existsSync(lock)).toBe(false);
  });

  it("takes over a lock whose owner died", async () => {
    const lock = path.join(dir, "x.lock");
    await mkdir(lock);
    await writeFile(path.join(lock, "owner"), String(deadPid()));
    expect(await withFolderLock(lock, async () => "got it", { pollMs: 5, timeoutMs: 2_000 })).toBe("got it");
  });

  it("times out with the holder's pid while a live owner holds it", async () => {
    const lock = path.join(dir, "x.lock");
    await mkdir(lock);
    await writeFile(path.join(lock, "owner"), String(process.pid));
    await expect(withFolderLock(lock, async () => undefined, { pollMs: 5, timeoutMs: 50 })).rejects.toThrow(`held by pid ${process.pid}`);
  });
});

describe("holders", () => {
  it("counts live holders and forgets dead ones", async () => {
    const holders = path.join(dir, "holders");
    const mine = addHolder(holders);
    await writeFile(path.join(holders, `${deadPid()}-dead`), "");
    expect(countLiveHolders(holders)).toBe(1);
    removeHolder(mine);
    expect(countLiveHolders(holders)).toBe(0);
  });
});
