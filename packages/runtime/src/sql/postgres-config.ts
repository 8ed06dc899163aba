/**
 * A `db.sql.postgres` entry → the settings of its connection pool (pure). Fields as Wippy
 * documents them (system/database.md):
 *
 * - `host` (default "localhost"), `port` (default 5432), `database`, `username` (both
 *   required), `password`; each may instead name an environment variable in `<field>_env`
 *   (`password_env: DB_PASSWORD`) — used when that variable is set and not empty, else the
 *   inline field counts, as in Wippy. Wippy's `env.variable` entry ids are not resolved here.
 * - `pool`: `max_open` (0 or absent → `DEFAULT_POSTGRES_POOL.maxOpen`: small, since every
 *   node holds a pool per database), `max_idle` (accepted; idle connections close after
 *   `idleTimeoutSeconds` instead), `max_lifetime` (Go duration, default "1h").
 * - `options`: `sslmode` (disable | allow | prefer (default) | require | verify-ca |
 *   verify-full), `sslrootcert` / `sslcert` / `sslkey` (file paths), `connect_timeout`
 *   (seconds), `target_session_attrs`; libpq client-only keys are ignored; every other key
 *   (`application_name`, `search_path`, `statement_timeout`, …) is sent to the server as a
 *   run-time parameter, as lib/pq does.
 *
 * In: the entry, an environment lookup. Out: `PostgresConfig`, or `Invalid` naming the field.
 */
import { parseDuration, type Entry } from "@wippy/shared";
import { fail, ok, wippyError, type Result } from "../kernel";

export type EnvLookup = (name: string) => string | undefined;

export const DEFAULT_POSTGRES_POOL = {
  maxOpen: 4,
  idleTimeoutSeconds: 30,
  maxLifetime: "1h",
  connectTimeoutSeconds: 10,
  /** How long closing a pool (hot change, node stop) lets running statements finish. */
  closeTimeoutSeconds: 5,
  applicationName: "wippy",
  sslmode: "prefer",
} as const;

export const SSL_MODES = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"] as const;
export type SslMode = (typeof SSL_MODES)[number];

export interface PostgresConfig {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly username: string;
  readonly password: string;
  readonly maxOpen: number;
  readonly idleTimeoutSeconds: number;
  readonly maxLifetimeSeconds: number;
  readonly connectTimeoutSeconds: number;
  readonly ssl: { readonly mode: SslMode; readonly rootCert?: string; readonly cert?: string; readonly key?: string };
  readonly targetSessionAttrs?: string;
  /** Run-time parameters sent at connect (application_name included). */
  readonly parameters: Readonly<Record<string, string>>;
}

const CLIENT_ONLY_OPTIONS = new Set([
  "fallback_application_name",
  "keepalives",
  "keepalives_idle",
  "keepalives_interval",
  "keepalives_count",
  "sslpassword",
  "sslcompression",
  "sslcrl",
  "sslsni",
  "requirepeer",
  "krbsrvname",
  "gsslib",
  "gssencmode",
  "channel_binding",
  "service",
  "passfile",
  "binary_parameters",
  "disable_prepared_binary_result",
]);

type Data = Readonly<Record<string, unknown>>;

class ConfigError {
  constructor(readonly message: string) {}
}

function scalar(data: Data, field: string, env: EnvLookup): unknown {
  const variable = data[`${field}_env`];
  if (typeof variable === "string" && variable !== "") {
    const value = env(variable);
    if (value !== undefined && value !== "") return value;
  }
  return data[field];
}

function text(data: Data, field: string, env: EnvLookup, fallback?: string): string {
  const value = scalar(data, field, env);
  if (value === undefined || value === null || value === "") {
    if (fallback !== undefined) return fallback;
    throw new ConfigError(`${field} is required (or ${field}_env naming a set environment variable)`);
  }
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  throw new ConfigError(`${field} must be a string`);
}

function wholeNumber(value: unknown, field: string, min: number): number {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < min) throw new ConfigError(`${field} must be a whole number ≥ ${min}`);
  return n;
}

function seconds(value: unknown, field: string): number {
  const ns = typeof value === "string" ? parseDuration(value) : null;
  if (ns === null || ns < 0) throw new ConfigError(`${field} must be a duration such as "30m" or "1h"`);
  return Math.round(ns / 1e9);
}

function record(value: unknown, field: string): Data {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw new ConfigError(`${field} must be a map`);
  return value as Data;
}

function optionsOf(options: Data): Pick<PostgresConfig, "ssl" | "targetSessionAttrs" | "parameters"> & { connectTimeoutSeconds: number } {
  const parameters: Record<string, string> = { application_name: DEFAULT_POSTGRES_POOL.applicationName };
  let mode: SslMode = DEFAULT_POSTGRES_POOL.sslmode;
  const files: { rootCert?: string; cert?: string; key?: string } = {};
  let connectTimeoutSeconds: number = DEFAULT_POSTGRES_POOL.connectTimeoutSeconds;
  let targetSessionAttrs: string | undefined;
  for (const [key, raw] of Object.entries(options)) {
    if (raw === undefined || raw === null) continue;
    if (typeof raw === "object") throw new ConfigError(`options.${key} must be a string, number or boolean`);
    const value = String(raw);
    if (key === "sslmode") {
      if (!(SSL_MODES as readonly string[]).includes(value)) throw new ConfigError(`options.sslmode must be one of ${SSL_MODES.join(", ")}`);
      mode = value as SslMode;
    } else if (key === "sslrootcert") files.rootCert = value;
    else if (key === "sslcert") files.cert = value;
    else if (key === "sslkey") files.key = value;
    else if (key === "connect_timeout") connectTimeoutSeconds = wholeNumber(value, "options.connect_timeout", 1);
    else if (key === "target_session_attrs") targetSessionAttrs = value;
    else if (!CLIENT_ONLY_OPTIONS.has(key)) parameters[key] = value;
  }
  return { ssl: { mode, ...files }, targetSessionAttrs, parameters, connectTimeoutSeconds };
}

export function postgresConfigOf(entry: Entry, env: EnvLookup): Result<PostgresConfig> {
  try {
    const data = entry.data as Data;
    const pool = record(data.pool, "pool");
    const maxOpen = pool.max_open === undefined || pool.max_open === null ? 0 : wholeNumber(pool.max_open, "pool.max_open", 0);
    if (pool.max_idle !== undefined && pool.max_idle !== null) wholeNumber(pool.max_idle, "pool.max_idle", 0);
    const lifetime = pool.max_lifetime === undefined || pool.max_lifetime === null ? DEFAULT_POSTGRES_POOL.maxLifetime : pool.max_lifetime;
    const port = scalar(data, "port", env);
    return ok({
      host: text(data, "host", env, "localhost"),
      port: port === undefined || port === null || port === "" ? 5432 : wholeNumber(port, "port", 1),
      database: text(data, "database", env),
      username: text(data, "username", env),
      password: text(data, "password", env, ""),
      maxOpen: maxOpen === 0 ? DEFAULT_POSTGRES_POOL.maxOpen : maxOpen,
      idleTimeoutSeconds: DEFAULT_POSTGRES_POOL.idleTimeoutSeconds,
      maxLifetimeSeconds: seconds(lifetime, "pool.max_lifetime"),
      ...optionsOf(record(data.options, "options")),
    });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return fail(wippyError("Invalid", `database ${entry.id} (db.sql.postgres): ${e.message}`, { retryable: false, details: { database: entry.id } }));
  }
}
