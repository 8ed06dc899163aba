/**
 * The server's structured log (pino) on stderr, so that stdout carries only the one "listening"
 * line a parent process (`wippy start`) may read. People get one readable line per record, as
 * the runtime node prints them (@wippy/shared `log-format.ts`, tagged `web`);
 * `WIPPY_LOG_FORMAT=json` keeps pino's JSON lines.
 */
import { Writable } from "node:stream";
import pino from "pino";
import { formatLogChunk } from "@wippy/shared";

export type Logger = pino.Logger;

export function createLogger(opts: { level: string; format: "human" | "json" }): Logger {
  const base = { base: undefined, level: opts.level };
  if (opts.format === "json") return pino(base, pino.destination(2));
  const human = new Writable({
    write(chunk: Buffer, _encoding, done) {
      process.stderr.write(formatLogChunk(chunk.toString(), "web"));
      done();
    },
  });
  return pino(base, human);
}

/** The message of anything thrown, for a log line. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
