/**
 * A lock between wippy processes on one machine, so that two processes starting (or stopping)
 * the embedded server of the same app folder at once do not both run initdb or both start a
 * postmaster.
 *
 * Terms: the lock is a directory (mkdir is atomic) holding an `owner` file with the holder's
 * pid. A lock whose owner is dead (killed mid-start) is stale and is taken over.
 *
 * In: the lock path and the work to do. Out: the work's result; the lock is always released.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isProcessAlive } from "./processes";

export interface FolderLockOptions {
  timeoutMs: number;
  pollMs: number;
  onWait?: () => void;
}

export const DEFAULT_FOLDER_LOCK: FolderLockOptions = { timeoutMs: 120_000, pollMs: 100 };

export async function withFolderLock<T>(lockDir: string, work: () => Promise<T>, opts: Partial<FolderLockOptions> = {}): Promise<T> {
  const o = { ...DEFAULT_FOLDER_LOCK, ...opts };
  const deadline = Date.now() + o.timeoutMs;
  let warned = false;
  while (!tryAcquire(lockDir)) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${o.timeoutMs} ms waiting for ${lockDir} (held by pid ${readOwner(lockDir) ?? "?"})`);
    }
    if (!warned) o.onWait?.();
    warned = true;
    await new Promise((resolve) => setTimeout(resolve, o.pollMs));
  }
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function tryAcquire(lockDir: string): boolean {
  try {
    mkdirSync(lockDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const owner = readOwner(lockDir);
    // No owner file yet means its creator is between mkdir and write: treat it as held.
    if (owner === undefined || isProcessAlive(owner)) return false;
    rmSync(lockDir, { recursive: true, force: true });
    return false; // retry on the next poll; another waiter may take it first, which is fine
  }
  writeFileSync(path.join(lockDir, "owner"), String(process.pid));
  return true;
}

function readOwner(lockDir: string): number | undefined {
  try {
    return Number.parseInt(readFileSync(path.join(lockDir, "owner"), "utf8"), 10);
  } catch {
    return undefined; // the owner file is not written yet, or the lock was just released
  }
}
