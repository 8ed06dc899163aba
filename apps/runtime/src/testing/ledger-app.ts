/**
 * Test support: a workflow application whose activities leave a side-effect ledger in
 * PostgreSQL (through the `sql` module), for the failover tests.
 *
 * - `fo:flow(steps)`: a workflow calling `fo:step(i)` for i = 1..steps (retried without limit,
 *   so a database outage delays it but cannot fail it), with a durable 100 ms timer after every
 *   fourth step; returns the sum of the steps.
 * - `fo:step(i)`: inserts one ledger row (run, step, node, attempt, idempotency key), then
 *   lingers 40 ms, which widens the window in which a kill catches an activity in flight.
 * - `fo:wf`: the workflow host, with a 2 s lease so takeovers in tests are quick.
 * - `fo:slow`: a workflow host with a 60 s lease, to show that a dead node's runs do not wait
 *   for it (liveness locks).
 */
import type postgres from "postgres";

export type Sql = postgres.Sql;

export const LEDGER_TABLE = "fo_ledger";

const tableSql = `create table if not exists ${LEDGER_TABLE} (
  id bigserial primary key,
  run text not null,
  step int not null,
  node text not null,
  attempt int not null,
  idem text not null,
  at timestamptz not null default clock_timestamp()
)`;

const index = (url: URL) => `version: "1.0"
namespace: fo
entries:
  - name: db
    kind: db.sql.postgres
    host: ${JSON.stringify(url.hostname)}
    port: ${url.port || 5432}
    database: ${JSON.stringify(url.pathname.slice(1))}
    username: ${JSON.stringify(decodeURIComponent(url.username))}
    password: ${JSON.stringify(decodeURIComponent(url.password))}
    options:
      sslmode: disable
  - name: wf
    kind: workflow.host
    lease: "2s"
  - name: slow
    kind: workflow.host
    lease: "60s"
  - name: step
    kind: function.lua
    source: file://step.lua
    method: run
    modules: [sql, ctx, time]
  - name: flow
    kind: workflow.lua
    source: file://flow.lua
    method: main
    modules: [funcs, time]
`;

const step = `local sql = require("sql")
local ctx = require("ctx")
local time = require("time")

local function run(i: number): number
    local db, err = sql.get("fo:db")
    if err then error(err) end
    local _, e = db:execute(
        "insert into ${LEDGER_TABLE} (run, step, node, attempt, idem) values ($1, $2, $3, $4, $5)",
        { ctx.get("workflow_id"), i, ctx.get("node_id"), ctx.get("activity_attempt"), ctx.get("idempotency_key") })
    db:release()
    if e then error(e) end
    time.sleep("40ms")
    return i
end

return { run = run }
`;

const flow = `local funcs = require("funcs")
local time = require("time")

local function main(steps: number): number
    local activity = funcs.new():with_options({ retry = { initial_interval = "200ms", max_interval = "2s", max_attempts = 0 } })
    local sum = 0
    for i = 1, steps do
        local r, err = activity:call("fo:step", i)
        if err then error(err) end
        sum = sum + r
        if i % 4 == 0 then time.sleep("100ms") end
    end
    return sum
end

return { main = main }
`;

export const ledgerApp = {
  tableSql,
  files: (databaseUrl: string): Record<string, string> => ({ "_index.yaml": index(new URL(databaseUrl)), "step.lua": step, "flow.lua": flow }),
};
