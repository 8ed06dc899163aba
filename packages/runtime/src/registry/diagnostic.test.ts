import { describe, expect, it } from "vitest";
import { formatDiagnostic, sortDiagnostics } from "./diagnostic";

describe("formatDiagnostic", () => {
  it("puts file, line and entry id before the message", () => {
    expect(formatDiagnostic({ file: "api/_index.yaml", line: 12, entryId: "app:hello", message: "bad" })).toBe("api/_index.yaml:12: app:hello: bad");
  });
  it("keeps the column out of the text", () => {
    expect(formatDiagnostic({ file: "_index.yaml", line: 3, column: 7, entryId: "app:x", message: "m" })).toBe("_index.yaml:3: app:x: m");
  });
  it("leaves out what is unknown", () => {
    expect(formatDiagnostic({ file: "out", message: "refused" })).toBe("out: refused");
    expect(formatDiagnostic({ file: "a.yaml", line: 1, message: "m" })).toBe("a.yaml:1: m");
  });
});

describe("sortDiagnostics", () => {
  it("orders by file, then line, then column", () => {
    const sorted = sortDiagnostics([
      { file: "b.yaml", line: 1, message: "4" },
      { file: "a.yaml", line: 9, message: "3" },
      { file: "a.yaml", line: 2, column: 5, message: "2" },
      { file: "a.yaml", line: 2, column: 1, message: "1" },
    ]);
    expect(sorted.map((d) => d.message)).toEqual(["1", "2", "3", "4"]);
  });
});
