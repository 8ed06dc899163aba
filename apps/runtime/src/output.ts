/**
 * How the CLI talks to people and scripts.
 *
 * Human mode: progress on stderr, results on stdout. `--json`: exactly one JSON document on
 * stdout per command (errors included, as `{ ok: false, error }`), nothing else on stdout.
 * Exit codes are part of the contract; see EXIT.
 */
export const EXIT = {
  ok: 0,
  /** Something failed at run time (database unreachable, unexpected error). */
  failure: 1,
  /** The command line was wrong. */
  usage: 2,
  /** Input files are invalid (YAML, Lua, fields): nothing was applied. */
  invalid: 3,
  /** The registry moved under the change (stale base) or the change conflicts with it. */
  conflict: 4,
  /** The thing asked for does not exist (entry, version). */
  notFound: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly details?: unknown,
    /** The command already printed its outcome (e.g. test results): only set the exit code. */
    readonly reported = false,
  ) {
    super(message);
  }
}

export interface Output {
  json: boolean;
  /** Progress for humans (stderr); silent in JSON mode. */
  progress(line: string): void;
  /** A warning: stderr in both modes. */
  warn(line: string): void;
  /** The command's result: `human()` lines on stdout, or `value` as JSON. */
  result(value: unknown, human: () => string | string[]): void;
  /**
   * One event of a long-running command (dev, start): `human()` lines on stdout, or `value` as
   * one compact JSON line (NDJSON), so a script can read the stream line by line.
   */
  event(value: Record<string, unknown>, human: () => string | string[]): void;
}

export function createOutput(json: boolean): Output {
  return {
    json,
    progress(line) {
      if (!json) process.stderr.write(`${line}\n`);
    },
    warn(line) {
      process.stderr.write(`warning: ${line}\n`);
    },
    result(value, human) {
      if (json) {
        process.stdout.write(`${JSON.stringify({ ok: true, ...asObject(value) }, null, 2)}\n`);
        return;
      }
      writeHuman(human());
    },
    event(value, human) {
      if (json) process.stdout.write(`${JSON.stringify(value)}\n`);
      else writeHuman(human());
    },
  };
}

function writeHuman(lines: string | string[]): void {
  const text = Array.isArray(lines) ? lines.join("\n") : lines;
  if (text) process.stdout.write(`${text}\n`);
}

export function reportError(out: Output, error: CliError): void {
  if (out.json) {
    process.stdout.write(`${JSON.stringify({ ok: false, error: { message: error.message, exitCode: error.exitCode, details: error.details } }, null, 2)}\n`);
  } else {
    process.stderr.write(`error: ${error.message}\n`);
  }
}

function asObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
}
