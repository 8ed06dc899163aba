/**
 * The registry the hot-apply bench runs on the node (namespace `bench`), one group per figure.
 * Every process reports through the probe's `bench` global (`probe.ts`).
 *
 * - config:   `bench:config` (a `registry.entry` holding `n`) and `bench:watcher`, a service
 *             subscribed to `events.subscribe("registry")`. On each change of the config it
 *             notes `bench.now()`, reads the entry back with `registry.get` and reports
 *             `config {n, read_n, seen_at}`.
 * - service:  `bench:service` runs `bench:service_code`, whose source carries a generation
 *             number: the new code reports `service {gen}` as its first act, then waits for
 *             its CANCEL and returns (default `on_change: restart`).
 * - upgrade:  `bench:upgradable` (`on_change: upgrade`) runs `bench:upgradable_code`, an
 *             upgradable process that keeps `{runs, pid}` as state; on OUTDATED it calls
 *             `process.upgrade(nil, state)`. Each generation reports `upgrade {gen, runs,
 *             same_pid}` at start — `runs` counts the code generations the state has lived
 *             through, so a restart (state lost) shows as `runs == 0`.
 * - restart:  `bench:crash_sup`, a `one_for_one` `process.supervisor` with a restart intensity
 *             no bench reaches, over `bench:crasher_service` (permanent, running `bench:crasher`). The crasher reports
 *             `crasher {}` at start; on a `crash` message it reports `crash {}` and raises.
 */
import type { ChangeOp, Entry, JsonObject } from "@wippy/shared";

export const IDS = Object.freeze({
  host: "bench:procs",
  config: "bench:config",
  watcher: "bench:watcher",
  watcherService: "bench:watcher_service",
  serviceCode: "bench:service_code",
  service: "bench:service",
  upgradableCode: "bench:upgradable_code",
  upgradable: "bench:upgradable",
  supervisor: "bench:crash_sup",
  crasher: "bench:crasher",
  crasherService: "bench:crasher_service",
});

const entry = (id: string, kind: string, data: JsonObject, meta: JsonObject = {}): Entry => ({ id, kind, meta, data });
const code = (id: string, source: string, modules: string[] = []): Entry => entry(id, "process.lua", { source, method: "main", modules });
const service = (id: string, process: string, lifecycle: JsonObject, meta: JsonObject = {}): Entry =>
  entry(id, "process.service", { process, host: IDS.host, lifecycle: { auto_start: true, ...lifecycle } }, meta);

const WATCHER = `local events = require("events")
local registry = require("registry")
return { main = function()
  local sub = events.subscribe("registry")
  local changes = sub:channel()
  bench.report("watcher")
  while true do
    local e = changes:receive()
    if e.path == "${IDS.config}" then
      local seen_at = bench.now()
      local got = registry.get("${IDS.config}")
      bench.report("config", { n = e.data.data.n, read_n = got and got.data.n or -1, seen_at = seen_at })
    end
  end
end }`;

/** Waits for CANCEL (the supervisor stopping it) and returns; anything else is ignored. */
const UNTIL_CANCEL = `  local events = process.events()
  while true do
    local e = events:receive()
    if e.kind == process.event.CANCEL then return end
  end`;

export const serviceSource = (gen: number): string => `return { main = function()
  bench.report("service", { gen = ${gen} })
${UNTIL_CANCEL}
end }`;

export const upgradableSource = (gen: number): string => `return { main = function(state)
  state = state or { runs = 0, pid = process.pid() }
  process.set_options({ upgradable = true })
  bench.report("upgrade", { gen = ${gen}, runs = state.runs, same_pid = state.pid == process.pid() })
  state.runs = state.runs + 1
  local events = process.events()
  while true do
    local e = events:receive()
    if e.kind == process.event.OUTDATED then
      local _, err = process.upgrade(nil, state)
      bench.report("upgrade_refused", { gen = ${gen}, err = tostring(err) })
    elseif e.kind == process.event.CANCEL then
      return
    end
  end
end }`;

const CRASHER = `return { main = function()
  bench.report("crasher")
  local inbox, events = process.inbox(), process.events()
  while true do
    local r = channel.select { inbox:case_receive(), events:case_receive() }
    if r.channel == events then
      if r.value.kind == process.event.CANCEL then return end
    elseif r.value:topic() == "crash" then
      bench.report("crash")
      error("bench crash")
    end
  end
end }`;

export const configEntry = (n: number): Entry => entry(IDS.config, "registry.entry", { n, text: "lorem ipsum dolor sit amet" });

/** Every entry of the bench, at generation 0. */
export function initialEntries(): Entry[] {
  return [
    entry(IDS.host, "process.host", { host: { workers: 4 } }),
    configEntry(0),
    code(IDS.watcher, WATCHER, ["events", "registry"]),
    service(IDS.watcherService, IDS.watcher, {}),
    code(IDS.serviceCode, serviceSource(0)),
    service(IDS.service, IDS.serviceCode, {}),
    code(IDS.upgradableCode, upgradableSource(0)),
    service(IDS.upgradable, IDS.upgradableCode, { on_change: "upgrade" }),
    entry(IDS.supervisor, "process.supervisor", { strategy: "one_for_one", intensity: 1_000_000, period: "1s", lifecycle: { auto_start: true } }),
    code(IDS.crasher, CRASHER),
    service(IDS.crasherService, IDS.crasher, { restart_type: "permanent" }, { supervisor: IDS.supervisor }),
  ];
}

export const createAll = (): ChangeOp[] => initialEntries().map((e) => ({ op: "create", entry: e }));
export const updateConfig = (n: number): ChangeOp[] => [{ op: "update", entry: configEntry(n) }];
export const updateServiceCode = (gen: number): ChangeOp[] => [{ op: "update", entry: code(IDS.serviceCode, serviceSource(gen)) }];
export const updateUpgradableCode = (gen: number): ChangeOp[] => [{ op: "update", entry: code(IDS.upgradableCode, upgradableSource(gen)) }];
