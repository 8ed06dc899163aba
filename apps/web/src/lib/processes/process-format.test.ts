/** Formatting of uptimes, counters, states and process URLs. */
import { describe, expect, it } from "vitest";
import { describeSender, describeState, formatCount, formatUptime, shortEntry } from "./process-format";
import { decodeProcessParam, processHref } from "./process-href";

describe("process formatting", () => {
  it("writes uptimes in the two largest units", () => {
    expect(formatUptime(999)).toBe("0 s");
    expect(formatUptime(42_000)).toBe("42 s");
    expect(formatUptime(303_000)).toBe("5 m 03 s");
    expect(formatUptime(3 * 3600_000 + 7 * 60_000)).toBe("3 h 07 m");
    expect(formatUptime(2 * 86_400_000 + 4 * 3600_000)).toBe("2 d 4 h");
    expect(formatUptime(-1)).toBe("—");
  });

  it("shortens big counters", () => {
    expect(formatCount(999)).toBe("999");
    expect(formatCount(12_345)).toBe("12.3k");
    expect(formatCount(4_500_000)).toBe("4.5M");
    expect(formatCount(250_000)).toBe("250k");
    expect(formatCount(1.2e9)).toBe("1.2G");
  });

  it("says what a process waits on, who sent a message, and an entry's short name", () => {
    expect(describeState({ state: "waiting", waiting: ["inbox", "timer"] })).toBe("waiting · inbox, timer");
    expect(describeState({ state: "waiting", waiting: [] })).toBe("waiting");
    expect(describeState({ state: "running", waiting: [] })).toBe("running");
    expect(describeSender("")).toBe("system");
    expect(describeSender("{app|0x1}")).toBe("{app|0x1}");
    expect(shortEntry("shop:ticker_service")).toBe("ticker_service");
    expect(shortEntry("plain")).toBe("plain");
  });

  it("puts a node id and a pid in one URL segment each, and reads them back either way", () => {
    const href = processHref("host-1:4242", "{app:procs|0x00002}");
    expect(href).toBe("/processes/host-1%3A4242/%7Bapp%3Aprocs%7C0x00002%7D");
    const [, , node, pid] = href.split("/");
    expect(decodeProcessParam(pid)).toBe("{app:procs|0x00002}");
    expect(decodeProcessParam(decodeURIComponent(node!))).toBe("host-1:4242");
    expect(decodeProcessParam("%E0%A4%A")).toBe("%E0%A4%A");
  });
});
