/**
 * A world for the security tests of the Lua layer: a kernel with one host, `funcs` and
 * `events` on an in-memory bus, a few callees, and `app:main` — the test's Lua — started by the
 * system with a chosen security context. Policies are `security.policy` entries of the same
 * registry (read again at every check, so a test may change them while Lua runs).
 */
import type { Entry } from "@wippy/shared";
import { EventBus } from "../../../events";
import { makeScope, type Actor, type SecurityContext } from "../../../security";
import { policyEntry, settingsEntry, type PolicyFields } from "../../../security/test-support";
import { luaTest, processEntry } from "../../test-support";
import { eventsModule } from "../events";
import { funcsModule } from "../funcs";

const WHOAMI = `local security = require("security")
local function whoami()
  local a, s = security.actor(), security.scope()
  local ids = {}
  if s then for _, p in ipairs(s:policies()) do ids[#ids + 1] = p:id() end end
  return { actor = a and a:id() or "none", scope = s and table.concat(ids, ",") or "none" }
end`;

export const CALLEES = {
  "app:whoami_fn": { kind: "function.lua", source: `${WHOAMI}\nreturn { main = whoami }`, data: { modules: ["security"] } },
  "app:whoami_proc": processEntry(`${WHOAMI}\nreturn { main = whoami }`, { modules: ["security"] }),
  "app:idle": processEntry(`return { main = function() process.inbox():receive() end }`),
  "app:returns": processEntry(`return { main = function(x) return x end }`),
  /** Spawns `app:returns` itself: what a child may do with the context it got. */
  "app:spawns": processEntry(`return { main = function() local pid, err = process.spawn("app:returns", "app:processes", 1); return pid ~= nil or err:kind() end }`),
  "app:calls": { kind: "function.lua", source: `local funcs = require("funcs")\nreturn { main = function() local v, err = funcs.call("app:whoami_fn"); return v or err:kind() end }`, data: { modules: ["funcs"] } },
};

export interface SecuredRun {
  /** The context `app:main` runs with (none: the system's). */
  readonly context?: SecurityContext;
  readonly policies?: Record<string, PolicyFields>;
  readonly strict?: boolean;
  readonly extra?: Record<string, { kind: string; source: string; data?: Record<string, unknown> }>;
  readonly ms?: number;
}

export function securedContext(actor: Actor | undefined, policies: string[] | undefined, groups: string[] = []): SecurityContext {
  const context: { actor?: Actor; scope?: ReturnType<typeof makeScope> } = {};
  if (actor !== undefined) context.actor = actor;
  if (policies !== undefined) context.scope = makeScope(policies, groups);
  return context;
}

export function securityWorld(main: string, run: SecuredRun = {}) {
  const bus = new EventBus();
  const t = luaTest(
    {
      ...CALLEES,
      ...run.extra,
      "app:main": processEntry(
        `local security = require("security")\nlocal funcs = require("funcs")\nlocal events = require("events")\nlocal time = require("time")\nreturn { main = function(...)\n${main}\nend }`,
        { modules: ["security", "funcs", "events", "time"] },
      ),
    },
    { modules: [funcsModule(), eventsModule(bus)] },
  );
  for (const [id, fields] of Object.entries(run.policies ?? {})) t.registry.set(id, policyEntry(id, fields));
  if (run.strict) t.registry.set("app:settings", settingsEntry("app:settings", { strict_mode: true }));
  return { t, bus };
}

/** Runs `main` as `app:main` with `run.context` to its exit. */
export function runSecured(main: string, run: SecuredRun = {}) {
  const { t, bus } = securityWorld(main, run);
  const pid = t.spawn("app:main", [], run.context === undefined ? {} : { security: run.context });
  t.settle(run.ms ?? 1_000);
  return { exit: t.exit(pid), t, bus, pid };
}

export const normal = (value: unknown) => ({ kind: "normal", value });

export const setPolicy = (registry: Map<string, Entry>, id: string, fields: PolicyFields): void => void registry.set(id, policyEntry(id, fields));
