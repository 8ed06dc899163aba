/**
 * The node's structured log (pino), written to stderr so that stdout stays the program's
 * (`wippy run -x`) or the command's (`--json`). People get one readable line per record
 * (`12:00:01.123 INFO  pid={app|0x1} entry=app:x  message  {fields}`); `WIPPY_LOG_FORMAT=json`
 * keeps pino's JSON lines for machines. A `tap` sees every record as its JSON line too (the
 * node's log buffer, which the control plane's live log view reads).
 */
import { Writable } from "node:stream";
import pino from "pino";
import type { Env } from "./env";

const LEVELS: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO", 40: "WARN", 50: "ERROR", 60: "FATAL" };
const SHOWN_FIRST = ["pid", "entry", "version"];
const HIDDEN = new Set(["level", "time", "msg", "pid", "hostname", "entry", "version"]);

export function formatRecord(record: Record<string, unknown>): string {
  const time = new Date(Number(record.time)).toISOString().slice(11, 23);
  const level = (LEVELS[Number(record.level)] ?? "LOG").padEnd(5);
  const head = SHOWN_FIRST.filter((k) => record[k] !== undefined && k !== "pid").map((k) => `${k}=${String(record[k])}`);
  if (typeof record.pid === "string") head.unshift(`pid=${record.pid}`);
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (!HIDDEN.has(k)) rest[k] = v;
  const fields = Object.keys(rest).length ? `  ${JSON.stringify(rest)}` : "";
  return `${time} ${level} ${head.length ? `${head.join(" ")}  ` : ""}${String(record.msg ?? "")}${fields}\n`;
}

export function createLogger(env: Env, opts: { json?: boolean; tap?: (line: string) => void } = {}): pino.Logger {
  const level = env.WIPPY_LOG_LEVEL;
  // pino's own `pid` (the OS process id) would collide with the Wippy pid field.
  const base = { base: undefined, level };
  const out = opts.json || env.WIPPY_LOG_FORMAT === "json" ? pino.destination(2) : humanStream();
  const { tap } = opts;
  if (!tap || level === "silent") return pino(base, out);
  const tapStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n")) if (line) tap(line);
      done();
    },
  });
  return pino(base, pino.multistream([{ stream: out, level }, { stream: tapStream, level }]));
}

function humanStream(): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n")) {
        if (!line) continue;
        try {
          process.stderr.write(formatRecord(JSON.parse(line) as Record<string, unknown>));
        } catch {
          process.stderr.write(`${line}\n`); // not a pino record: pass it through untouched
        }
      }
      done();
    },
  });
}
