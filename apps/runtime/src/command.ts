/**
 * The one place CLI commands end: success, expected failures (CliError → its exit code and
 * message) and crashes (stack trace, exit 1) are all turned into output and an exit code here.
 */
import { EnvError, readEnv } from "./env";
import type { Env } from "./env";
import { CliError, createOutput, EXIT, reportError } from "./output";
import type { Output } from "./output";

export interface CommandContext {
  env: Env;
  out: Output;
}

export async function runCommand(json: boolean, fn: (ctx: CommandContext) => Promise<void>): Promise<never> {
  const out = createOutput(json);
  let code: number = EXIT.ok;
  try {
    const env = readEnv();
    await fn({ env, out });
  } catch (error) {
    if (error instanceof CliError) {
      if (!error.reported) reportError(out, error);
      code = error.exitCode;
    } else if (error instanceof EnvError) {
      reportError(out, new CliError(error.message, EXIT.usage));
      code = EXIT.usage;
    } else {
      // A bug, not an expected outcome: keep the stack for whoever reports it.
      reportError(out, new CliError(`unexpected error: ${(error as Error).stack ?? String(error)}`, EXIT.failure));
      code = EXIT.failure;
    }
  }
  process.exit(code);
}

/** Resolves when the process is asked to stop (SIGINT/SIGTERM); returns which signal. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const handler = (signal: NodeJS.Signals) => {
      process.off("SIGINT", handler);
      process.off("SIGTERM", handler);
      resolve(signal);
    };
    process.on("SIGINT", handler);
    process.on("SIGTERM", handler);
  });
}
