/** Filters, search, sort order and facets of the inspector's table. */
import { describe, expect, it } from "vitest";
import { row } from "./fixtures";
import { toLiveProcess } from "./live-process";
import { delta, snapshot } from "./fixtures";
import { facetsOf, keepsFacets } from "./process-facets";
import { comparatorOf, DEFAULT_PROCESS_QUERY, entryTarget, isFiltered, matcherOf, nextSort, serviceTarget, type ProcessQuery } from "./process-query";
import { ProcessTable } from "./process-table";

const rows = [
  toLiveProcess("n1", row("{app|0x01}", { entry: "app:ticker", service: "app:ticker_service", restarts: 2, state: "running", waiting: [], mailbox: 5, startedAt: 300 })),
  toLiveProcess("n1", row("{app|0x02}", { entry: "app:worker", names: ["Billing"], mailbox: 40, startedAt: 100 })),
  toLiveProcess("n2", row("{app|0x01}", { entry: "app:worker", host: "app:other", memory: 9_000, startedAt: 200 })),
];
const query = (over: Partial<ProcessQuery>): ProcessQuery => ({ ...DEFAULT_PROCESS_QUERY, ...over });
const shown = (q: ProcessQuery) => rows.filter(matcherOf(q)).sort(comparatorOf(q.sort)).map((r) => `${r.nodeId}/${r.pid}`);

describe("process query", () => {
  it("shows everything by default, by pid then node", () => {
    expect(shown(DEFAULT_PROCESS_QUERY)).toEqual(["n1/{app|0x01}", "n2/{app|0x01}", "n1/{app|0x02}"]);
    expect(isFiltered(DEFAULT_PROCESS_QUERY)).toBe(false);
  });

  it("filters by node, host, state, entry and service", () => {
    expect(shown(query({ node: "n2" }))).toEqual(["n2/{app|0x01}"]);
    expect(shown(query({ host: "app:procs" }))).toEqual(["n1/{app|0x01}", "n1/{app|0x02}"]);
    expect(shown(query({ state: "running" }))).toEqual(["n1/{app|0x01}"]);
    expect(shown(query({ target: entryTarget("app:worker") }))).toEqual(["n2/{app|0x01}", "n1/{app|0x02}"]);
    expect(shown(query({ target: serviceTarget("app:ticker_service") }))).toEqual(["n1/{app|0x01}"]);
    expect(isFiltered(query({ state: "running" }))).toBe(true);
  });

  it("searches pids, entries, services and names, ignoring case", () => {
    expect(shown(query({ search: "billing" }))).toEqual(["n1/{app|0x02}"]);
    expect(shown(query({ search: "TICKER_S" }))).toEqual(["n1/{app|0x01}"]);
    expect(shown(query({ search: " 0x02 " }))).toEqual(["n1/{app|0x02}"]);
    expect(shown(query({ search: "nothing" }))).toEqual([]);
  });

  it("sorts by any column both ways; uptime ascending is the youngest first", () => {
    expect(shown(query({ sort: { column: "mailbox", dir: "desc" } }))).toEqual(["n1/{app|0x02}", "n1/{app|0x01}", "n2/{app|0x01}"]);
    expect(shown(query({ sort: { column: "uptime", dir: "asc" } }))).toEqual(["n1/{app|0x01}", "n2/{app|0x01}", "n1/{app|0x02}"]);
    expect(shown(query({ sort: { column: "restarts", dir: "desc" } }))[0]).toBe("n1/{app|0x01}");
    expect(shown(query({ sort: { column: "node", dir: "desc" } }))[0]).toBe("n2/{app|0x01}");
  });

  it("flips the direction on the same column; numbers start biggest first", () => {
    expect(nextSort({ column: "pid", dir: "asc" }, "pid")).toEqual({ column: "pid", dir: "desc" });
    expect(nextSort({ column: "pid", dir: "asc" }, "memory")).toEqual({ column: "memory", dir: "desc" });
    expect(nextSort({ column: "pid", dir: "asc" }, "uptime")).toEqual({ column: "uptime", dir: "asc" });
    expect(nextSort({ column: "pid", dir: "asc" }, "entry")).toEqual({ column: "entry", dir: "asc" });
  });

  it("offers every node, host, entry and service, and counts states", () => {
    const facets = facetsOf(rows);
    expect(facets).toMatchObject({ nodes: ["n1", "n2"], hosts: ["app:other", "app:procs"], entries: ["app:ticker", "app:worker"], services: ["app:ticker_service"] });
    expect(facets.states).toEqual({ ready: 0, running: 1, waiting: 2, exited: 0 });
  });

  it("keeps the facets through an update of counters only, not through a state change or a new row", () => {
    const t = new ProcessTable();
    t.applySnapshot("n1", t.beginSync("n1"), snapshot(1, [row("a"), row("b")]));
    t.takeChanges();
    t.applyDelta("n1", delta(2, [row("a", { reductions: 99, memory: 1 })]));
    expect(keepsFacets(t, t.takeChanges())).toBe(true);
    t.applyDelta("n1", delta(3, [row("a", { state: "running", waiting: [] })]));
    expect(keepsFacets(t, t.takeChanges())).toBe(false);
    t.applyDelta("n1", delta(4, [row("c")]));
    expect(keepsFacets(t, t.takeChanges())).toBe(false);
  });
});
