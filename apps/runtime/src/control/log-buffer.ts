/**
 * The node's recent log, for the control plane's live log view: every record the node's
 * logger writes (pino JSON) becomes a `LogLine` with a per-node `seq`, kept in a ring of
 * `capacity` lines; listeners see each line as it is written.
 *
 * The pid, entry and version fields of a record (Lua processes log them on every line) are
 * lifted out; the other fields stay in `fields`. A line that is not a pino record (it cannot
 * happen through `createLogger`, but a tap must not throw) is kept as an `info` message.
 *
 * In: pino records (parsed JSON). Out: `recent(limit, filter)` and `onLine(listener)`.
 */
import type { JsonValue, LogLevel, LogLine } from "@wippy/shared";

export const DEFAULT_LOG_CAPACITY = 2_000;

const LEVELS: Record<number, LogLevel> = { 10: "trace", 20: "debug", 30: "info", 40: "warn", 50: "error", 60: "fatal" };
const LIFTED = new Set(["level", "time", "msg", "pid", "entry", "version", "hostname"]);

export class LogBuffer {
  private readonly lines: LogLine[] = [];
  private start = 0;
  private seq = 0;
  private readonly listeners = new Set<(line: LogLine) => void>();

  constructor(private readonly capacity = DEFAULT_LOG_CAPACITY) {}

  push(record: Record<string, unknown>): LogLine {
    const fields: Record<string, JsonValue> = {};
    for (const [key, value] of Object.entries(record)) if (!LIFTED.has(key)) fields[key] = value as JsonValue;
    const line: LogLine = {
      seq: ++this.seq,
      at: typeof record.time === "number" ? record.time : Date.now(),
      level: LEVELS[Number(record.level)] ?? "info",
      msg: typeof record.msg === "string" ? record.msg : "",
      ...(typeof record.pid === "string" ? { pid: record.pid } : {}),
      ...(typeof record.entry === "string" ? { entry: record.entry } : {}),
      ...(typeof record.version === "number" ? { version: record.version } : {}),
      fields,
    };
    if (this.lines.length < this.capacity) this.lines.push(line);
    else {
      this.lines[this.start] = line;
      this.start = (this.start + 1) % this.capacity;
    }
    for (const listener of this.listeners) listener(line);
    return line;
  }

  /** A pino destination line (JSON text). */
  pushText(text: string): void {
    try {
      this.push(JSON.parse(text) as Record<string, unknown>);
    } catch {
      // Not JSON: keep the text rather than lose it.
      this.push({ level: 30, time: Date.now(), msg: text });
    }
  }

  /** The newest `limit` lines that pass `filter`, oldest first. */
  recent(limit: number, filter: (line: LogLine) => boolean = () => true): LogLine[] {
    const out: LogLine[] = [];
    for (let i = this.lines.length - 1; i >= 0 && out.length < limit; i--) {
      const line = this.lines[(this.start + i) % this.lines.length] as LogLine;
      if (filter(line)) out.push(line);
    }
    return out.reverse();
  }

  onLine(listener: (line: LogLine) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
