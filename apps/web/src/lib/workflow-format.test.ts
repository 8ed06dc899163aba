import { describe, expect, it } from "vitest";
import { formatDuration, formatUntil, runHref, runIdFromParam } from "./workflow-format";

describe("workflow formatting", () => {
  it("formats durations from milliseconds to hours", () => {
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(1_420)).toBe("1.4 s");
    expect(formatDuration(42_000)).toBe("42 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
    expect(formatDuration(3 * 3_600_000 + 120_000)).toBe("3 h 2 min");
    expect(formatDuration(-1)).toBe("—");
    expect(formatUntil(10_000, 4_000)).toBe("in 6.0 s");
    expect(formatUntil(1_000, 4_000)).toBe("due");
  });

  it("puts any run id in one URL segment and reads it back", () => {
    for (const id of ["order-7", "order-7/3", "a b:c", "x?y#z"]) {
      const segment = runHref(id).slice("/workflows/".length);
      expect(segment).not.toContain("/");
      expect(runIdFromParam(segment)).toBe(id);
      expect(runIdFromParam(decodeURIComponent(segment))).toBe(id);
    }
    expect(runIdFromParam("100%")).toBe("100%");
  });
});
