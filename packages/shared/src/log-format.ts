/**
 * One readable line per structured log record (pino's JSON), the same for the runtime node and
 * the control-plane server: `12:00:01.123 INFO  [web] pid={app|0x1} entry=app:x version=3  message  {fields}`.
 * The pid, entry and version of a record about a process come first; the other fields follow
 * as JSON. `source` tags the line with where it comes from (the server prints `web`).
 *
 * Also the stream parser both loggers write through: JSON lines in, formatted lines out; a
 * line that is not a record passes through untouched.
 */
const LEVELS: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO", 40: "WARN", 50: "ERROR", 60: "FATAL" };
const SHOWN_FIRST = ["pid", "entry", "version"] as const;
const HIDDEN = new Set(["level", "time", "msg", "hostname", ...SHOWN_FIRST]);

export function formatLogRecord(record: Record<string, unknown>, source?: string): string {
  const time = new Date(Number(record.time)).toISOString().slice(11, 23);
  const level = (LEVELS[Number(record.level)] ?? "LOG").padEnd(5);
  const head = SHOWN_FIRST.filter((k) => record[k] !== undefined).map((k) => `${k}=${String(record[k])}`);
  if (source) head.unshift(source);
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (!HIDDEN.has(k)) rest[k] = v;
  const fields = Object.keys(rest).length ? `  ${JSON.stringify(rest)}` : "";
  return `${time} ${level} ${head.length ? `${head.join(" ")}  ` : ""}${String(record.msg ?? "")}${fields}\n`;
}

/** Formats each JSON line of `chunk` (pino writes whole lines) for people. */
export function formatLogChunk(chunk: string, source?: string): string {
  let out = "";
  for (const line of chunk.split("\n")) {
    if (!line) continue;
    try {
      out += formatLogRecord(JSON.parse(line) as Record<string, unknown>, source);
    } catch {
      out += `${line}\n`; // not a pino record: pass it through untouched
    }
  }
  return out;
}
