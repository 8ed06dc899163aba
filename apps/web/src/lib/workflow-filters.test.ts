import { describe, expect, it } from "vitest";
import { rangeProblem, readRunFilters, toListInput, writeRunFilters } from "./workflow-filters";

describe("workflow list filters in the URL", () => {
  it("round-trip through the query string, dropping unknown statuses and empty values", () => {
    const filters = { status: "halted" as const, workflow: "app:order", id: "order-", from: "2025-11-25T09:00", to: "2025-11-26T09:00" };
    const text = writeRunFilters(filters);
    expect(text).toBe("?status=halted&workflow=app%3Aorder&id=order-&from=2025-11-25T09%3A00&to=2025-11-26T09%3A00");
    expect(readRunFilters(new URLSearchParams(text.slice(1)))).toEqual(filters);
    expect(readRunFilters(new URLSearchParams("status=sleeping&id="))).toEqual({ status: undefined, workflow: undefined, id: undefined, from: undefined, to: undefined });
    expect(writeRunFilters({})).toBe("");
  });

  it("turn the typed time range into epoch ms and say what is wrong with it", () => {
    const input = toListInput({ from: "2025-11-25T09:00", to: "2025-11-25T10:00" });
    expect((input.createdTo ?? 0) - (input.createdFrom ?? 0)).toBe(3_600_000);
    expect(rangeProblem({ from: "2025-11-25T09:00", to: "2025-11-25T10:00" })).toBeNull();
    expect(rangeProblem({ from: "2025-11-25T10:00", to: "2025-11-25T09:00" })).toMatch(/before its end/);
    expect(rangeProblem({ from: "yesterday" })).toMatch(/start time is not a date/);
    expect(toListInput({ from: "yesterday" }).createdFrom).toBeUndefined();
  });
});
