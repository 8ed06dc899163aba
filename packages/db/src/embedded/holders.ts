/**
 * Holders: the wippy processes currently using one embedded server.
 *
 * The rule ("last one out turns off the light"): the first process to start the server and
 * every process that later finds it running and reuses it each register as a holder. Whoever
 * stops last — when no other live holder remains — shuts the server down. Holders of dead
 * processes (killed with SIGKILL) are ignored and removed, so a crash never keeps a server
 * alive for ever: the next process to stop it does.
 *
 * Terms: a holder is a file `<holdersDir>/<pid>-<random>`. Everything here is synchronous so
 * it can also run in a process 'exit' handler.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isProcessAlive } from "./processes";

export function addHolder(holdersDir: string): string {
  mkdirSync(holdersDir, { recursive: true });
  const file = path.join(holdersDir, `${process.pid}-${randomBytes(4).toString("hex")}`);
  writeFileSync(file, "");
  return file;
}

export function removeHolder(file: string): void {
  rmSync(file, { force: true });
}

/** Counts live holders, removing the files of dead ones. */
export function countLiveHolders(holdersDir: string): number {
  let names: string[];
  try {
    names = readdirSync(holdersDir);
  } catch {
    return 0; // no holders folder: nobody registered
  }
  let live = 0;
  for (const name of names) {
    const pid = Number.parseInt(name, 10);
    if (Number.isFinite(pid) && isProcessAlive(pid)) live++;
    else rmSync(path.join(holdersDir, name), { force: true });
  }
  return live;
}
