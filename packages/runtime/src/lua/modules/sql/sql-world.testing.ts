/**
 * A world for the `sql` module tests: a fresh database on a test PostgreSQL server, a registry
 * view in memory holding the `db.sql.postgres` entries that point at it, the node's real
 * `PostgresConnector` over that view, and Lua processes that `require("sql")`. Lua runs on a
 * simulated kernel clock; `run` interleaves kernel turns with the event loop so that the
 * driver's promises settle while processes wait.
 */
import { createTestDatabase, type TestDatabase, type TestTarget } from "@wippy/db/testing";
import type { Entry } from "@wippy/shared";
import type { ExitReason, Pid } from "../../../kernel";
import { RegistryView } from "../../../registry/view";
import { PostgresConnector } from "../../../sql";
import { luaTest, processEntry } from "../../test-support";
import { sqlModule } from ".";

const quiet = (): void => undefined;

export const DB = "app.data:main";

/** The fields of a `db.sql.postgres` entry reaching the database at `url`. */
export function connectionFields(url: string): Record<string, unknown> {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    database: decodeURIComponent(u.pathname.slice(1)),
    username: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    options: { sslmode: "disable" },
  };
}

export const entry = (id: string, kind: string, data: Record<string, unknown>): Entry => ({ id, kind, meta: {}, data: data as Entry["data"] });

export interface Running {
  readonly exit: Promise<ExitReason>;
  /** Sends the process a message (wakes a `process.inbox():receive()`). */
  send(topic: string, ...payloads: unknown[]): void;
  /** Kills the process at once. */
  terminate(): void;
}

export interface SqlWorld {
  readonly tdb: TestDatabase;
  readonly view: RegistryView;
  readonly connector: PostgresConnector;
  readonly env: Map<string, string>;
  /** The entry `DB` with the test database's fields, plus `extra`. */
  dbEntry(extra?: Record<string, unknown>): Entry;
  /** Makes the view hold exactly `entries` (a new version; the connector sees the changes). */
  setEntries(entries: Entry[]): void;
  /** Starts `body` (the inside of `main(...)`, with `sql`, `json`, `time` required) as a process. */
  start(body: string, args?: unknown[]): Running;
  /** Runs `body` to its exit. */
  run(body: string, args?: unknown[]): Promise<ExitReason>;
  close(): Promise<void>;
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 2));

export async function sqlWorld(target: TestTarget): Promise<SqlWorld> {
  const tdb = await createTestDatabase(target, { migrate: false });
  const view = new RegistryView({ log: { error: quiet } });
  const env = new Map<string, string>();
  const connector = new PostgresConnector({ view, env: (name) => env.get(name) });
  let version = 0;
  const world: SqlWorld = {
    tdb,
    view,
    connector,
    env,
    dbEntry: (extra = {}) => entry(DB, "db.sql.postgres", { ...connectionFields(tdb.url), ...extra }),
    setEntries(entries) {
      view.load({ version: ++version, entries: new Map(entries.map((e) => [e.id, structuredClone(e)])) });
    },
    start(body, args = []) {
      const source = `local sql = require("sql")\nlocal json = require("json")\nlocal time = require("time")\nreturn { main = function(...)\n${body}\nend }`;
      const t = luaTest({ "app:main": processEntry(source, { modules: ["sql", "json", "time"] }) }, { modules: [sqlModule(connector)] });
      const pid: Pid = t.spawn("app:main", args);
      const exit = (async () => {
        const deadline = Date.now() + 20_000;
        for (;;) {
          t.settle(0);
          const reason = t.exit(pid);
          if (reason !== undefined) return reason;
          if (Date.now() > deadline) throw new Error("the Lua process did not exit within 20 s");
          await tick();
        }
      })();
      return { exit, send: (topic, ...payloads) => void t.kernel.send(pid, topic, payloads), terminate: () => void t.kernel.terminate(pid) };
    },
    run(body, args = []) {
      return world.start(body, args).exit;
    },
    async close() {
      await connector.close();
      await tdb.drop();
    },
  };
  world.setEntries([world.dbEntry()]);
  return world;
}

export const normal = (value: unknown) => ({ kind: "normal", value });

/** Connections to the test database whose application_name is `name` (seen by the server). */
export async function connectionsNamed(world: SqlWorld, name: string): Promise<number> {
  const rows = await world.tdb.sql`select count(*)::int as n from pg_stat_activity where datname = ${world.tdb.name} and application_name = ${name}`;
  return (rows[0] as { n: number }).n;
}
