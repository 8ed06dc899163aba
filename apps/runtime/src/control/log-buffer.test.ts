/** The node's recent log: pino records as numbered lines, a ring of fixed size, live listeners. */
import { describe, expect, it } from "vitest";
import { LogBuffer } from "./log-buffer";

describe("the log buffer", () => {
  it("lifts level, time, message, pid, entry and version out of a pino record", () => {
    const logs = new LogBuffer();
    const line = logs.push({ level: 40, time: 1234, msg: "slow", pid: "{app|0x1}", entry: "app:w", version: 3, ms: 120, hostname: "h" });
    expect(line).toEqual({ seq: 1, at: 1234, level: "warn", msg: "slow", pid: "{app|0x1}", entry: "app:w", version: 3, fields: { ms: 120 } });
  });

  it("keeps the newest lines up to its capacity, oldest first, and filters", () => {
    const logs = new LogBuffer(3);
    for (let i = 1; i <= 5; i++) logs.push({ level: 30, time: i, msg: `m${i}`, ...(i % 2 ? { pid: "p" } : {}) });
    expect(logs.recent(10).map((l) => l.msg)).toEqual(["m3", "m4", "m5"]);
    expect(logs.recent(2).map((l) => l.seq)).toEqual([4, 5]);
    expect(logs.recent(10, (l) => l.pid === "p").map((l) => l.msg)).toEqual(["m3", "m5"]);
  });

  it("tells listeners each line, and keeps text that is not JSON", () => {
    const logs = new LogBuffer();
    const heard: string[] = [];
    const off = logs.onLine((l) => heard.push(l.msg));
    logs.pushText('{"level":30,"time":1,"msg":"json"}');
    logs.pushText("plain text");
    off();
    logs.pushText('{"level":30,"time":2,"msg":"after"}');
    expect(heard).toEqual(["json", "plain text"]);
    expect(logs.recent(1)[0]).toMatchObject({ msg: "after", level: "info" });
  });
});
