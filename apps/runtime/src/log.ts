/**
 * The node's structured log (pino), written to stderr so that stdout stays the program's
 * (`wippy run -x`) or the command's (`--json`). People get one readable line per record
 * (@wippy/shared `log-format.ts`: `12:00:01.123 INFO  pid={app|0x1} entry=app:x  message`); `WIPPY_LOG_FORMAT=json`
 * keeps pino's JSON lines for machines. A `tap` sees every record as its JSON line too (the
 * node's log buffer, which the control plane's live log view reads).
 */
import { Writable } from "node:stream";
import pino from "pino";
import { formatLogChunk } from "@wippy/shared";
import type { Env } from "./env";

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
      process.stderr.write(formatLogChunk(chunk.toString()));
      done();
    },
  });
}
