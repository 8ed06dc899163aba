/** A process's links, the processes it monitors and those monitoring it, from its row and its node's table. */
import { describe, expect, it } from "vitest";
import { row } from "./fixtures";
import { toLiveProcess } from "./live-process";
import { neighborsOf } from "./neighbors";

describe("neighborsOf", () => {
  it("merges links, monitors and monitors-of-this per pid, with their entries when known", () => {
    const me = row("{a|0x1}", { links: ["{a|0x2}", "{a|0x3}"], monitors: ["{a|0x3}", "{a|0x9}"] });
    const table = [
      toLiveProcess("n1", me),
      toLiveProcess("n1", row("{a|0x2}", { entry: "app:sup" })),
      toLiveProcess("n1", row("{a|0x3}", { entry: "app:peer", monitors: ["{a|0x1}"] })),
      toLiveProcess("n1", row("{a|0x4}", { entry: "app:watcher", monitors: ["{a|0x1}"] })),
    ];
    expect(neighborsOf(me, table)).toEqual([
      { pid: "{a|0x2}", relations: ["link"], entry: "app:sup" },
      { pid: "{a|0x3}", relations: ["link", "monitoredBy", "monitors"], entry: "app:peer" },
      { pid: "{a|0x4}", relations: ["monitoredBy"], entry: "app:watcher" },
      { pid: "{a|0x9}", relations: ["monitors"] },
    ]);
  });

  it("has none for a lone process, and never itself", () => {
    expect(neighborsOf(row("{a|0x1}", { links: ["{a|0x1}"] }), [])).toEqual([]);
  });
});
