/**
 * `wippy run [dir] [-x entry] [args]` (LUA_API §9): apply the folder (if given), boot the
 * `auto_start` services and keep running; with `-x entry`, also run that process on the
 * terminal host with stdin/stdout attached and exit when it returns — 0, or 1 with the error.
 */
import fs from "node:fs";
import type { ExitResult } from "@wippy/runtime/kernel";
import type { CommandContext } from "../command";
import { untilSignal } from "../command";
import { defaultAuthor } from "../env";
import { startNode, stdioTerminal } from "../node";
import { CliError, EXIT } from "../output";
import { openSession } from "../session";
import { applyBeforeRunning } from "../sync";
import { cliActor } from "../cli-actor";

export interface RunFlags {
  exec?: string;
}

function isDirectory(path: string): boolean {
  try {
    return fs.statSync(path).isDirectory();
  } catch {
    return false; // missing or unreadable: not a folder we could apply
  }
}

export function describeExitError(result: ExitResult): string | null {
  if (!("error" in result) || result.error === undefined || result.error === null) return null;
  const error = result.error as { kind?: string; message?: string; stack?: string };
  const kind = error.kind ? `[${error.kind}] ` : "";
  const stack = error.stack ? `\n${error.stack}` : "";
  return `${kind}${error.message ?? String(error)}${stack}`;
}

export async function runCommand({ env, out }: CommandContext, dirArg: string | undefined, argList: string[], flags: RunFlags): Promise<void> {
  // `wippy run -x app:main 10` has no folder: a first word that is not a folder is an argument.
  const [dir, args] = flags.exec && dirArg !== undefined && !isDirectory(dirArg) ? [undefined, [dirArg, ...argList]] : [dirArg, argList];
  const session = await openSession(env, out, { longRunning: true });
  const terminal = flags.exec ? stdioTerminal(args) : undefined;
  try {
    await applyBeforeRunning(session.store, dir, "run", { author: defaultAuthor(env), actor: cliActor() }, out);
    const started = await startNode(session, env, terminal);
    const node = started.node;
    try {
      if (!flags.exec) {
        out.progress(`running (registry version ${node.view.version}); Ctrl-C to stop`);
        await untilSignal();
        return;
      }
      const run = node.run(flags.exec, node.terminal as string, args);
      if (!run.ok) throw new CliError(`cannot run ${flags.exec}: ${run.error.message}`, run.error.kind === "NotFound" ? EXIT.notFound : EXIT.failure);
      const stopped = untilSignal().then((signal) => ({ signal }));
      const ended = await Promise.race([run.value.exit, stopped]);
      if ("signal" in ended) throw new CliError(`${ended.signal}: stopped before ${flags.exec} returned`, EXIT.failure);
      const error = describeExitError(ended);
      if (error) throw new CliError(`${flags.exec} failed: ${error}`, EXIT.failure);
    } finally {
      await started.stop();
    }
  } finally {
    terminal?.close();
    await session.close();
  }
}
