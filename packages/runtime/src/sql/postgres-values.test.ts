/** The pure halves of the PostgreSQL value mapping: exact numbers, timestamps, SQL text scans. */
import { describe, expect, it } from "vitest";
import { scanSql } from "./postgres-sql-text";
import { bindValues, exactNumber, rfc3339 } from "./postgres-values";

describe("exactNumber: a number only when it prints back as the same decimal", () => {
  it.each([
    ["42", 42],
    ["-7", -7],
    ["5000000000", 5_000_000_000],
    ["9007199254740992", 9_007_199_254_740_992],
    ["9007199254740993", "9007199254740993"],
    ["12.50", 12.5],
    ["0.1", 0.1],
    ["0.10000000000000000001", "0.10000000000000000001"],
    ["0.0000001", 1e-7],
    ["123456789012345678901234", "123456789012345678901234"],
    ["0", 0],
    ["0.000", 0],
    ["NaN", "NaN"],
    ["Infinity", "Infinity"],
  ])("%s → %j", (text, expected) => {
    expect(exactNumber(text)).toBe(expected);
  });
});

describe("rfc3339: server timestamps (DateStyle ISO) as RFC 3339", () => {
  it.each([
    ["2024-01-02 03:04:05", "2024-01-02T03:04:05Z"],
    ["2024-01-02 03:04:05.123456", "2024-01-02T03:04:05.123456Z"],
    ["2024-01-02 03:04:05+00", "2024-01-02T03:04:05Z"],
    ["2024-01-02 03:04:05.5+02", "2024-01-02T03:04:05.5+02:00"],
    ["2024-01-02 03:04:05-05:30", "2024-01-02T03:04:05-05:30"],
    ["1900-01-01 00:00:00+00:19:32", "1900-01-01 00:00:00+00:19:32"],
    ["2024-01-02", "2024-01-02"],
    ["infinity", "infinity"],
    ["0044-03-15 12:00:00 BC", "0044-03-15 12:00:00 BC"],
  ])("%s → %s", (text, expected) => {
    expect(rfc3339(text)).toBe(expected);
  });
});

describe("scanSql", () => {
  it.each([
    ["select 1", 0],
    ["select $1, $2", 2],
    ["select $3", 3],
    ["select '$4', $1", 1],
    ["select E'it\\'s $5', $1", 1],
    ['select 1 as "$6", $2', 2],
    ["select $1 -- $7\n", 1],
    ["select /* $8 /* nested $9 */ still */ $1", 1],
    ["do $$ begin perform $10; end $$", 0],
    ["select $fn$ $11 $fn$, $2", 2],
    ["select a$1 from t", 0],
  ])("%j → highest placeholder %i", (text, max) => {
    expect(scanSql(text).maxPlaceholder).toBe(max);
  });

  it.each([
    ["begin", ["BEGIN"]],
    ["  BEGIN ISOLATION LEVEL SERIALIZABLE", ["BEGIN"]],
    ["start transaction", ["START"]],
    ["insert into t values (1); begin; commit", ["BEGIN"]],
    ["-- begin\nselect 1", []],
    ["/* begin */ select 1", []],
    ["select 'begin'", []],
    ["do $$ begin perform 1; end $$", []],
    ["create function f() returns int language sql begin atomic select 1; end", []],
    ["beginning()", []],
  ])("%j opens a transaction: %j", (text, openers) => {
    expect(scanSql(text).openers).toEqual(openers);
  });
});

describe("bindValues", () => {
  it("maps become JSON text, arrays and scalars stay, missing placeholders bind NULL", () => {
    const bytes = new Uint8Array([1, 2]);
    expect(bindValues([{ a: 1 }, [1, 2], "x", true, bytes], 7)).toEqual(['{"a":1}', [1, 2], "x", true, bytes, null, null]);
    expect(bindValues(["a", "b"], 1)).toEqual(["a", "b"]);
  });
});
