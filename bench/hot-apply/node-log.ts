/**
 * The node's logger during the bench: counts records by level and keeps the last few warnings
 * and errors (the probe shows them when a report never comes). With `verbose`, warnings and
 * errors also go to stderr as they happen; stdout stays the JSON document alone.
 *
 * The crasher's deliberate crashes are errors too, so `counts.error` is expected to be about
 * the number of crashes and is reported rather than treated as a failure.
 */
import type { NodeLogger } from "@wippy/runtime/node";

const KEEP = 10;

export interface BenchLog extends NodeLogger {
  readonly counts: Record<"debug" | "info" | "warn" | "error", number>;
  recent(): readonly string[];
}

export function createBenchLog(verbose: boolean): BenchLog {
  const counts = { debug: 0, info: 0, warn: 0, error: 0 };
  const last: string[] = [];
  const keep = (level: "warn" | "error", fields: object, message?: string): void => {
    const line = `[${level}] ${message ?? ""} ${safeJson(fields)}`;
    last.push(line);
    if (last.length > KEEP) last.shift();
    if (verbose) process.stderr.write(`${line}\n`);
  };
  const log: BenchLog = {
    counts,
    recent: () => [...last],
    debug: () => void counts.debug++,
    info: () => void counts.info++,
    warn: (fields, message) => {
      counts.warn++;
      keep("warn", fields, message);
    },
    error: (fields, message) => {
      counts.error++;
      keep("error", fields, message);
    },
    child: () => log,
  };
  return log;
}

function safeJson(value: object): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (v instanceof Error ? { message: v.message } : v));
  } catch {
    // A field that does not serialize (a cycle) must not break the bench's logging.
    return "{…}";
  }
}
