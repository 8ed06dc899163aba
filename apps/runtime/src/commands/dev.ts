/**
 * `wippy dev <dir>`: apply the folder now and again on every change.
 *
 * Saves come in bursts (editors write temp files, formatters rewrite): changes are debounced so
 * one burst makes at most one version. A burst that leaves the folder invalid is reported and
 * nothing is applied; the next good save applies everything since the last good one.
 */
import fs from "node:fs";
import path from "node:path";
import type { CommandContext } from "../command";
import { untilSignal } from "../command";
import { cliActor } from "../cli-actor";
import { defaultAuthor } from "../env";
import { CliError } from "../output";
import { openSession } from "../session";
import { applyFolder, describeSummary } from "../sync";

export const DEFAULT_DEBOUNCE_MS = 250;

const IGNORED = /(^|[/\\])(\.wippy|node_modules|\.git)([/\\]|$)|(^|[/\\])\.[^/\\]*$|~$|\.swp$/;

export async function devCommand({ env, out }: CommandContext, dir: string, flags: { debounce: number }): Promise<void> {
  const root = path.resolve(dir);
  if (!fs.existsSync(root)) throw new CliError(`${dir} does not exist`, 2);
  const session = await openSession(env, out, { longRunning: true });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again = false;

  const applyNow = async () => {
    try {
      const summary = await applyFolder(session.store, root, { author: defaultAuthor(env), actor: cliActor(), message: `dev: ${dir}` });
      for (const w of summary.warnings) out.warn(w);
      out.event({ ok: true, event: "applied", ...summary }, () => describeSummary(summary));
    } catch (error) {
      // An invalid save must not stop the watcher: report it and wait for the next one.
      if (!(error instanceof CliError)) throw error;
      const message = error.message;
      out.event({ ok: false, event: "rejected", error: message, exitCode: error.exitCode }, () => []);
      if (!out.json) process.stderr.write(`${message}\n`);
    }
  };
  const trigger = () => {
    if (running) {
      again = true;
      return;
    }
    running = applyNow().finally(() => {
      running = null;
      if (again) {
        again = false;
        trigger();
      }
    });
  };

  await applyNow();
  const watcher = fs.watch(root, { recursive: true }, (_event, file) => {
    if (file && IGNORED.test(file)) return;
    clearTimeout(timer);
    timer = setTimeout(trigger, flags.debounce);
  });
  out.progress(`watching ${dir} for changes (Ctrl-C to stop)`);
  out.event({ event: "watching", dir: root }, () => []);
  await untilSignal();
  watcher.close();
  clearTimeout(timer);
  await running;
  await session.close();
}
