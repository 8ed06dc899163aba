/** `db.sql.postgres` entry fields → pool settings (Wippy's system/database.md), and error kinds. */
import { describe, expect, it } from "vitest";
import type { Entry } from "@wippy/shared";
import { DEFAULT_POSTGRES_POOL, postgresConfigOf } from "./postgres-config";
import { classifySqlState, sqlError } from "./postgres-errors";

const entry = (data: Record<string, unknown>): Entry => ({ id: "app.data:main", kind: "db.sql.postgres", meta: {}, data: data as Entry["data"] });
const env = (vars: Record<string, string>) => (name: string) => vars[name];
const base = { host: "db.local", port: 6543, database: "app", username: "svc", password: "pw" };

describe("postgresConfigOf", () => {
  it("reads Wippy's fields, with small defaults for what is absent", () => {
    const config = postgresConfigOf(entry(base), env({}));
    expect(config).toEqual({
      ok: true,
      value: {
        host: "db.local",
        port: 6543,
        database: "app",
        username: "svc",
        password: "pw",
        maxOpen: DEFAULT_POSTGRES_POOL.maxOpen,
        idleTimeoutSeconds: DEFAULT_POSTGRES_POOL.idleTimeoutSeconds,
        maxLifetimeSeconds: 3600,
        connectTimeoutSeconds: DEFAULT_POSTGRES_POOL.connectTimeoutSeconds,
        ssl: { mode: "prefer" },
        targetSessionAttrs: undefined,
        parameters: { application_name: "wippy" },
      },
    });
    const minimal = postgresConfigOf(entry({ database: "app", username: "svc" }), env({}));
    expect(minimal.ok && [minimal.value.host, minimal.value.port, minimal.value.password]).toEqual(["localhost", 5432, ""]);
  });

  it("<field>_env names an environment variable; unset or empty falls back to the inline field", () => {
    const data = { ...base, host_env: "DB_HOST", port_env: "DB_PORT", password_env: "DB_PASS", username_env: "DB_USER", database_env: "NOPE" };
    const config = postgresConfigOf(entry(data), env({ DB_HOST: "from-env", DB_PORT: "7000", DB_PASS: "secret", DB_USER: "" }));
    expect(config.ok && [config.value.host, config.value.port, config.value.password, config.value.username, config.value.database]).toEqual(["from-env", 7000, "secret", "svc", "app"]);
    const only = postgresConfigOf(entry({ database_env: "DB_NAME", username_env: "DB_USER" }), env({ DB_NAME: "d", DB_USER: "u" }));
    expect(only.ok && [only.value.database, only.value.username]).toEqual(["d", "u"]);
  });

  it("pool and options: max_open, max_lifetime, sslmode, connect_timeout, run-time parameters", () => {
    const config = postgresConfigOf(
      entry({
        ...base,
        pool: { max_open: 25, max_idle: 5, max_lifetime: "30m" },
        options: { sslmode: "disable", connect_timeout: "3", application_name: "billing", search_path: "app,public", keepalives: 1, target_session_attrs: "read-write" },
      }),
      env({}),
    );
    expect(config.ok && config.value).toMatchObject({
      maxOpen: 25,
      maxLifetimeSeconds: 1800,
      connectTimeoutSeconds: 3,
      ssl: { mode: "disable" },
      targetSessionAttrs: "read-write",
      parameters: { application_name: "billing", search_path: "app,public" },
    });
  });

  it.each([
    [{ ...base, database: undefined }, "database is required"],
    [{ ...base, username: "" }, "username is required"],
    [{ ...base, port: "abc" }, "port must be a whole number"],
    [{ ...base, pool: { max_open: -1 } }, "pool.max_open must be a whole number"],
    [{ ...base, pool: { max_lifetime: "soon" } }, "pool.max_lifetime must be a duration"],
    [{ ...base, options: { sslmode: "sometimes" } }, "options.sslmode must be one of"],
    [{ ...base, options: [] }, "options must be a map"],
  ])("%j → Invalid: %s", (data, message) => {
    const config = postgresConfigOf(entry(data), env({}));
    expect(config.ok).toBe(false);
    if (config.ok) return;
    expect(config.error).toMatchObject({ kind: "Invalid", retryable: false });
    expect(config.error.message).toContain("database app.data:main (db.sql.postgres): ");
    expect(config.error.message).toContain(message);
  });
});

describe("PostgreSQL errors as Wippy kinds", () => {
  it.each([
    ["23505", "AlreadyExists", false],
    ["23503", "Invalid", false],
    ["22P02", "Invalid", false],
    ["42601", "Invalid", false],
    ["42501", "PermissionDenied", false],
    ["28P01", "PermissionDenied", false],
    ["25P02", "Invalid", false],
    ["3B001", "Invalid", false],
    ["40001", "Conflict", true],
    ["40P01", "Conflict", true],
    ["08006", "Unavailable", true],
    ["53300", "Unavailable", true],
    ["57P01", "Unavailable", true],
    ["57014", "Canceled", false],
    ["XX000", "Internal", false],
  ])("SQLSTATE %s → %s (retryable %s)", (code, kind, retryable) => {
    expect(classifySqlState(code)).toEqual({ kind, retryable });
  });

  it("server errors keep their SQLSTATE and fields in details; socket errors are Unavailable", () => {
    const server = Object.assign(new Error('duplicate key value violates unique constraint "users_pkey"'), { code: "23505", severity: "ERROR", constraint_name: "users_pkey", table_name: "users", detail: "Key (id)=(1) already exists." });
    expect(sqlError(server, "app:db")).toEqual({
      kind: "AlreadyExists",
      message: 'duplicate key value violates unique constraint "users_pkey"',
      retryable: false,
      details: { database: "app:db", sqlstate: "23505", constraint: "users_pkey", table: "users", detail: "Key (id)=(1) already exists." },
    });
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
    expect(sqlError(refused, "app:db")).toMatchObject({ kind: "Unavailable", retryable: true, message: "database app:db is not reachable: connect ECONNREFUSED 127.0.0.1:1" });
    expect(sqlError(Object.assign(new Error("write CONNECTION_CLOSED"), { code: "CONNECTION_CLOSED" }), "app:db")).toMatchObject({ kind: "Unavailable", retryable: true });
    expect(sqlError("weird", "app:db")).toMatchObject({ kind: "Internal", message: "database app:db: weird" });
  });
});
