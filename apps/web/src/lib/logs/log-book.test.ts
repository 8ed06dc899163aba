/** The live log's lines: order, dedupe by seq, the cap, and the filters. */
import { describe, expect, it } from "vitest";
import type { LogLine } from "@wippy/shared";
import { LogBook } from "./log-book";
import { DEFAULT_LOG_FILTER, isLogFiltered, logFacetsOf, logMatcherOf, type LogFilter } from "./log-filter";

const line = (seq: number, at: number, extra: Partial<LogLine> = {}): LogLine => ({ seq, at, level: "info", msg: `line ${seq}`, fields: {}, ...extra });

describe("LogBook", () => {
  it("keeps every node's lines once, in time order", () => {
    const book = new LogBook();
    expect(book.add("n1", [line(2, 20), line(3, 30)])).toBe(2);
    expect(book.add("n2", [line(1, 25)])).toBe(1);
    // The recent lines fetched after the stream started overlap it.
    expect(book.add("n1", [line(1, 10), line(2, 20), line(3, 30)])).toBe(1);
    expect(book.lines.map((l) => `${l.nodeId}:${l.seq}`)).toEqual(["n1:1", "n1:2", "n2:1", "n1:3"]);
  });

  it("orders a node's lines of the same millisecond by seq", () => {
    const book = new LogBook();
    book.add("n1", [line(5, 10), line(4, 10)]);
    expect(book.lines.map((l) => l.seq)).toEqual([4, 5]);
  });

  it("keeps the newest lines up to its capacity, and forgets the dropped ones", () => {
    const book = new LogBook(3);
    book.add("n1", [line(1, 1), line(2, 2), line(3, 3), line(4, 4)]);
    expect(book.lines.map((l) => l.seq)).toEqual([2, 3, 4]);
    expect(book.add("n1", [line(1, 1)])).toBe(1); // forgotten, so it counts as new (then drops again)
    expect(book.lines.map((l) => l.seq)).toEqual([2, 3, 4]);
  });

  it("replaces its array on a change and keeps it when nothing is new", () => {
    const book = new LogBook();
    book.add("n1", [line(1, 1)]);
    const before = book.lines;
    book.add("n1", [line(1, 1)]);
    expect(book.lines).toBe(before);
    book.add("n1", [line(2, 2)]);
    expect(book.lines).not.toBe(before);
    expect(before).toHaveLength(1);
  });

  it("tells a restarted node's new lines from its old ones by time", () => {
    const book = new LogBook();
    book.add("n1", [line(1, 100)]);
    expect(book.add("n1", [line(1, 5_000)])).toBe(1);
  });
});

describe("log filters", () => {
  const book = new LogBook();
  book.add("n1", [
    line(1, 1, { level: "debug", pid: "{app|0x00001}", entry: "app:ticker", msg: "tick", fields: { count: 7 } }),
    line(2, 2, { level: "warn", pid: "{app|0x00002}", entry: "app:worker", msg: "slow job" }),
    line(3, 3, { level: "error", msg: "node trouble" }),
  ]);
  book.add("n2", [line(1, 4, { level: "info", pid: "{app|0x00001}", entry: "app:ticker", msg: "tick" })]);
  const shown = (f: Partial<LogFilter>) => book.lines.filter(logMatcherOf({ ...DEFAULT_LOG_FILTER, ...f })).map((l) => `${l.nodeId}:${l.seq}`);

  it("filters by node, pid, entry and minimum level", () => {
    expect(shown({})).toEqual(["n1:1", "n1:2", "n1:3", "n2:1"]);
    expect(shown({ node: "n2" })).toEqual(["n2:1"]);
    expect(shown({ pid: "0x00001" })).toEqual(["n1:1", "n2:1"]);
    expect(shown({ entry: "app:worker" })).toEqual(["n1:2"]);
    expect(shown({ entry: "WORK" })).toEqual(["n1:2"]);
    expect(shown({ level: "warn" })).toEqual(["n1:2", "n1:3"]);
    expect(shown({ level: "info", entry: "app:ticker" })).toEqual(["n2:1"]);
  });

  it("searches messages and fields, ignoring case", () => {
    expect(shown({ search: "SLOW" })).toEqual(["n1:2"]);
    expect(shown({ search: '"count":7' })).toEqual(["n1:1"]);
  });

  it("says whether anything is filtered, and offers the nodes and entries seen", () => {
    expect(isLogFiltered(DEFAULT_LOG_FILTER)).toBe(false);
    expect(isLogFiltered({ ...DEFAULT_LOG_FILTER, level: "info" })).toBe(true);
    expect(logFacetsOf(book.lines)).toEqual({ nodes: ["n1", "n2"], entries: ["app:ticker", "app:worker"] });
  });
});

describe("log formatting", () => {
  it("writes a time of day to the millisecond and fields on one line", async () => {
    const { formatClock, formatFields } = await import("./log-format");
    const at = new Date(2026, 0, 2, 3, 4, 5, 6).getTime();
    expect(formatClock(at)).toBe("03:04:05.006");
    expect(formatFields({ count: 7, who: "me", payload: { a: 1 } })).toBe('count=7 who=me payload={"a":1}');
    expect(formatFields({})).toBe("");
  });
});
