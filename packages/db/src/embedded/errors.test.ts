import { describe, expect, it } from "vitest";
import { classifyStartFailure, EmbeddedPostgresError } from "./errors";

describe("classifyStartFailure", () => {
  it.each([
    ['LOG:  could not bind IPv4 address "127.0.0.1": Address already in use', "port_in_use"],
    ["FATAL:  could not create any TCP/IP sockets", "port_in_use"],
    ['FATAL:  data directory "/x" has wrong ownership', "permission"],
    ['FATAL:  could not open file "postmaster.pid": Permission denied', "permission"],
    ["FATAL:  invalid value for parameter \"max_connections\"", "start_failed"],
  ] as const)("%s → %s", (log, kind) => {
    expect(classifyStartFailure(log)).toBe(kind);
  });

  it("puts the log tail into the message", () => {
    const e = new EmbeddedPostgresError("start_failed", "PostgreSQL exited", "FATAL: boom");
    expect(e.message).toContain("PostgreSQL exited");
    expect(e.message).toContain("FATAL: boom");
  });
});
