import { describe, expect, it } from "vitest";
import type { Entry, JsonObject } from "@wippy/shared";
import { validateEntry } from "./validate-entry";

const check = (kind: string, data: JsonObject, meta: JsonObject = {}) => validateEntry({ id: "app:x", kind, meta, data } satisfies Entry);
const messages = (kind: string, data: JsonObject, meta: JsonObject = {}) => check(kind, data, meta).errors.map((e) => e.message);
const service = (lifecycle: JsonObject): JsonObject => ({ process: "app:p", host: "app:h", lifecycle });

describe("validateEntry: lifecycle", () => {
  it.each(["500ms", "5s", "1h30m", "1.5s", "0"])("accepts the duration %s", (d) => {
    expect(messages("process.service", service({ start_timeout: d, restart: { initial_delay: d } }))).toEqual([]);
  });

  it.each(["soon", "5", "-1s", ""])("refuses the duration %j", (d) => {
    expect(messages("process.service", service({ stop_timeout: d }))).toEqual([`lifecycle.stop_timeout: ${JSON.stringify(d)} is not a duration (use "500ms", "5s", "1h30m")`]);
  });

  it("refuses a duration written as a number", () => {
    expect(messages("process.service", service({ stable_threshold: 5 }))).toEqual(['lifecycle.stable_threshold: must be a duration string such as "5s" or "1h30m"']);
  });

  it.each([
    ["restart_type", "permanent", true],
    ["restart_type", "transient", true],
    ["restart_type", "temporary", true],
    ["restart_type", "sometimes", false],
    ["on_change", "restart", true],
    ["on_change", "upgrade", true],
    ["on_change", "none", true],
    ["on_change", "reload", false],
    ["auto_start", true, true],
    ["auto_start", "yes", false],
    ["depends_on", ["app:a"], true],
    ["depends_on", "app:a", false],
  ])("lifecycle.%s = %j valid: %s", (field, value, valid) => {
    expect(messages("process.service", service({ [field]: value })).length === 0).toBe(valid);
  });

  it("checks the restart policy", () => {
    expect(messages("process.service", service({ restart: { backoff_factor: 0.5, jitter: 2, max_attempts: 1.5 } }))).toEqual([
      "lifecycle.restart.backoff_factor: must be at least 1",
      "lifecycle.restart.jitter: must be between 0 and 1",
      "lifecycle.restart.max_attempts: must be a whole number (0 = forever)",
    ]);
  });

  it("treats an empty field (null) as not set", () => {
    expect(messages("process.service", { process: "app:p", host: "app:h", input: null, lifecycle: { restart: null, start_timeout: null } })).toEqual([]);
  });
});

describe("validateEntry: kinds", () => {
  it("requires process and host of a process.service", () => {
    const { errors } = check("process.service", {});
    expect(errors).toEqual([
      { path: ["data", "process"], message: "process is required" },
      { path: ["data", "host"], message: "host is required" },
    ]);
  });

  it.each(["one_for_one", "one_for_all", "rest_for_one"])("accepts supervisor strategy %s", (strategy) => {
    expect(messages("process.supervisor", { strategy, intensity: 0, period: "5s" })).toEqual([]);
  });

  it("checks supervisor fields", () => {
    expect(messages("process.supervisor", { strategy: "one_for_some", intensity: -1, period: "often" })).toEqual([
      "strategy: must be one of one_for_one, one_for_all, rest_for_one",
      "intensity: must be 0 or more",
      'period: "often" is not a duration (use "500ms", "5s", "1h30m")',
    ]);
  });

  it.each(["function.lua", "process.lua", "workflow.lua", "library.lua"])("requires source for %s", (kind) => {
    expect(messages(kind, { method: "main" })).toEqual(["source is required"]);
  });

  it("checks Lua fields", () => {
    expect(messages("function.lua", { source: "", modules: "json", imports: { a: 1 }, pool: { type: "huge", workers: 0 } })).toEqual([
      "modules: must be a list of module names",
      "imports.a: must be an entry id (namespace:name)",
      "pool.type: must be one of inline, lazy, static, adaptive",
      "pool.workers: must be at least 1",
    ]);
  });

  it("checks hosts", () => {
    expect(messages("process.host", { host: { workers: 0 } })).toEqual(["host.workers: must be at least 1"]);
    expect(messages("terminal.host", { hide_logs: "no" })).toEqual(["hide_logs: must be true or false"]);
    expect(messages("workflow.host", { workers: 2, lease: "forever" })).toEqual(['lease: "forever" is not a duration (use "500ms", "5s", "1h30m")']);
  });

  it("checks the meta fields the runtime reads", () => {
    expect(messages("process.service", service({}), { supervisor: 1, order: "first", free: { any: "thing" } })).toEqual([
      "supervisor: must be an entry id (namespace:name)",
      "order: must be a number",
    ]);
  });

  it("warns about, but keeps, fields a known kind does not name", () => {
    const result = check("process.service", { ...service({ auto_start: true, flavour: 1 }), colour: "blue" });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      { path: ["data", "lifecycle", "flavour"], message: "lifecycle.flavour: unknown field, kept but not used" },
      { path: ["data", "colour"], message: "colour: unknown field, kept but not used" },
    ]);
  });

  it("accepts any data for registry.entry and does not check unknown kinds", () => {
    expect(check("registry.entry", { anything: [1, { deep: true }] })).toEqual({ errors: [], warnings: [] });
    expect(check("http.service", { addr: 8080, lifecycle: { auto_start: "maybe" } })).toEqual({ errors: [], warnings: [] });
  });
});

describe("validateEntry: db.sql.postgres (Wippy's system/database.md)", () => {
  it("accepts the documented fields, env variants and pool settings", () => {
    const data: JsonObject = {
      host: "localhost",
      port: 5432,
      database: "app",
      username: "svc",
      password_env: "DB_PASSWORD",
      pool: { max_open: 25, max_idle: 5, max_lifetime: "1h" },
      options: { sslmode: "disable", connect_timeout: 10 },
      lifecycle: { auto_start: true },
    };
    expect(check("db.sql.postgres", data)).toEqual({ errors: [], warnings: [] });
  });

  it("refuses wrong field types, and warns about fields it does not know", () => {
    const result = check("db.sql.postgres", { port: true, pool: { max_open: -1, max_lifetime: "soon" }, dsn: "postgres://x" });
    expect(result.errors.map((e) => e.message)).toEqual([
      "port: must be a port number",
      "pool.max_open: must be 0 or more",
      'pool.max_lifetime: "soon" is not a duration (use "500ms", "5s", "1h30m")',
    ]);
    expect(result.warnings.map((w) => w.message)).toEqual(["dsn: unknown field, kept but not used"]);
  });
});
