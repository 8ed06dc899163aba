/**
 * The server's structured log (pino) on stderr, so that stdout carries only the one "listening"
 * line a parent process (`wippy start`) may read. People get one readable line per record, as
 * the runtime node prints them; `WIPPY_LOG_FORMAT=json` keeps pino's JSON lines.
 */
import { Writable } from "node:stream";
import pino from "pino";

export type Logger = pino.Logger;

const LEVELS: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO", 40: "WARN", 50: "ERROR", 60: "FATAL" };
const HIDDEN = new Set(["level", "time", "msg"]);

function formatRecord(record: Record<string, unknown>): string {
  const time = new Date(Number(record.time)).toISOString().slice(11, 23);
  const level = (LEVELS[Number(record.level)] ?? "LOG").padEnd(5);
  const rest = Object.fromEntries(Object.entries(record).filter(([k]) => !HIDDEN.has(k)));
  const fields = Object.keys(rest).length ? `  ${JSON.stringify(rest)}` : "";
  return `${time} ${level} web  ${String(record.msg ?? "")}${fields}\n`;
}

export function createLogger(opts: { level: string; format: "human" | "json" }): Logger {
  const base = { base: undefined, level: opts.level };
  if (opts.format === "json") return pino(base, pino.destination(2));
  const human = new Writable({
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
  return pino(base, human);
}

/** The message of anything thrown, for a log line. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
