/** Log lines for people: a process's pid, entry and version first, other fields as JSON. */
import { describe, expect, it } from "vitest";
import { formatLogChunk, formatLogRecord } from "./log-format";

const at = Date.UTC(2026, 0, 2, 3, 4, 5, 678);

describe("log lines for people", () => {
  it("puts a process's pid, entry and version first, the other fields last", () => {
    const line = formatLogRecord({ level: 40, time: at, msg: "slow reply", pid: "{app|0x1}", entry: "app:w", version: 3, ms: 120, hostname: "h" });
    expect(line).toBe('03:04:05.678 WARN  pid={app|0x1} entry=app:w version=3  slow reply  {"ms":120}\n');
  });

  it("tags the line with its source and keeps lines that are not records", () => {
    expect(formatLogChunk(`${JSON.stringify({ level: 30, time: at, msg: "listening" })}\nnot json\n`, "web")).toBe("03:04:05.678 INFO  web  listening\nnot json\n");
  });
});
