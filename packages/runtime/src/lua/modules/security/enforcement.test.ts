/**
 * Enforcement matrix (issue 9): every checked capability of `process`, `funcs` and `events`
 * × granted / not granted / no context (permissive) / no context (strict). The grant names
 * exactly the actions and resources of the call, so a check on the wrong name fails here.
 */
import { describe, expect, it } from "vitest";
import { actor } from "../../../security/test-support";
import type { PolicyFields } from "../../../security/test-support";
import { HOST } from "../../test-support";
import { securedContext, securityWorld } from "./security-world.testing";

interface Capability {
  readonly call: string;
  /** action → resource (`$target` is the idle process's pid) that the call needs. */
  readonly needs: Record<string, string>;
  /** The action whose refusal is reported when nothing is granted. */
  readonly first: string;
}

const CAPABILITIES: Record<string, Capability> = {
  spawn: { call: `process.spawn("app:returns", "${HOST}", 1)`, needs: { "process.spawn": "app:returns", "process.host": HOST }, first: "process.spawn" },
  spawn_monitored: {
    call: `process.spawn_monitored("app:returns", "${HOST}", 1)`,
    needs: { "process.spawn": "app:returns", "process.spawn.monitored": "app:returns", "process.host": HOST },
    first: "process.spawn",
  },
  spawn_linked: {
    call: `process.spawn_linked("app:returns", "${HOST}", 1)`,
    needs: { "process.spawn": "app:returns", "process.spawn.linked": "app:returns", "process.host": HOST },
    first: "process.spawn",
  },
  exec: { call: `process.exec("app:returns", "${HOST}", 7)`, needs: { "process.exec": "app:returns", "process.host": HOST }, first: "process.exec" },
  builder_spawn: { call: `process.with_context({ k = 1 }):spawn("app:returns", "${HOST}")`, needs: { "process.spawn": "app:returns", "process.host": HOST }, first: "process.spawn" },
  builder_with_name: {
    call: `process.with_context({}):with_name("named"):spawn("app:idle", "${HOST}")`,
    needs: { "process.spawn": "app:idle", "process.host": HOST, "process.registry.register": "named" },
    first: "process.spawn",
  },
  send: { call: `process.send(target, "hello", 1)`, needs: { "process.send": "$target" }, first: "process.send" },
  send_by_name: { call: `process.send("svc", "hello", 1)`, needs: { "process.send": "svc" }, first: "process.send" },
  terminate: { call: `process.terminate(target)`, needs: { "process.terminate": "$target" }, first: "process.terminate" },
  cancel: { call: `process.cancel(target, "why")`, needs: { "process.cancel": "$target" }, first: "process.cancel" },
  monitor: { call: `process.monitor(target)`, needs: { "process.monitor": "$target" }, first: "process.monitor" },
  link: { call: `process.link(target)`, needs: { "process.link": "$target" }, first: "process.link" },
  register: { call: `process.registry.register("fresh")`, needs: { "process.registry.register": "fresh" }, first: "process.registry.register" },
  register_foreign: {
    call: `process.registry.register("other", target)`,
    needs: { "process.registry.register": "other", "process.registry.foreign": "$target" },
    first: "process.registry.register",
  },
  unregister: { call: `process.registry.unregister("mine")`, needs: { "process.registry.unregister": "mine" }, first: "process.registry.unregister" },
  funcs_call: { call: `funcs.call("app:whoami_fn")`, needs: { "funcs.call": "app:whoami_fn" }, first: "funcs.call" },
  funcs_async: { call: `funcs.async("app:whoami_fn")`, needs: { "funcs.call": "app:whoami_fn" }, first: "funcs.call" },
  executor_call: { call: `funcs.new():with_context({ a = 1 }):call("app:whoami_fn")`, needs: { "funcs.call": "app:whoami_fn" }, first: "funcs.call" },
  events_send: { call: `events.send("app.orders", "order.created", "/orders/1", { id = 1 })`, needs: { "events.send": "app.orders" }, first: "events.send" },
  events_subscribe: { call: `events.subscribe("app.orders", "order.*")`, needs: { "events.subscribe": "app.orders" }, first: "events.subscribe" },
};

type Mode = "granted" | "not_granted" | "no_context" | "strict_no_context";
const MODES: Mode[] = ["granted", "not_granted", "no_context", "strict_no_context"];

function run(cap: Capability, mode: Mode) {
  const main = `local target = ...
    local v, err = ${cap.call}
    return { ok = v ~= nil and v ~= false, kind = err and err:kind() or "", message = err and err:message() or "", retryable = err and err:retryable() }`;
  const { t } = securityWorld(main, { strict: mode === "strict_no_context" });
  const target = t.spawn("app:idle");
  const resolve = (r: string) => (r === "$target" ? target : r);
  const grants: Record<string, PolicyFields> = {};
  Object.entries(cap.needs).forEach(([action, resource], i) => (grants[`app.sec:grant_${i}`] = { actions: action, resources: resolve(resource) }));
  grants["app.sec:unrelated"] = { actions: "nothing.at.all", resources: "*" };
  for (const [id, fields] of Object.entries(grants)) t.registry.set(id, { id, kind: "security.policy", meta: {}, data: { policy: { ...fields, effect: "allow" } as never } });
  const scope = mode === "granted" ? Object.keys(grants) : ["app.sec:unrelated"];
  const context = mode === "granted" || mode === "not_granted" ? securedContext(actor("user:1"), scope) : undefined;
  const pid = t.spawn("app:main", [target], context === undefined ? {} : { security: context });
  t.kernel.register("svc", target);
  t.kernel.register("mine", pid);
  t.settle(1_000);
  const exit = t.exit(pid) as { kind: string; value: { ok: boolean; kind: string; message: string; retryable?: boolean } };
  return { exit, resource: resolve(cap.needs[cap.first] ?? "") };
}

describe("capability × grant", () => {
  const cases = Object.entries(CAPABILITIES).flatMap(([name, cap]) => MODES.map((mode) => [`${name}_${mode}`, cap, mode] as const));
  it.each(cases)("%s", (_name, cap, mode) => {
    const { exit, resource } = run(cap, mode);
    expect(exit.kind).toBe("normal");
    if (mode === "granted" || mode === "no_context") {
      expect(exit.value).toMatchObject({ ok: true, kind: "" });
      return;
    }
    const why = mode === "strict_no_context" ? "strict mode is on and there is no actor or scope" : "actor user:1: no policy in scope allows it";
    expect(exit.value).toEqual({ ok: false, kind: "PermissionDenied", retryable: false, message: `permission denied: ${cap.first} on ${JSON.stringify(resource)} (${why})` });
  });
});

describe("what a refusal leaves undone", () => {
  it("a refused spawn starts nothing, a refused send delivers nothing, a refused terminate kills nothing", () => {
    const { t } = securityWorld(
      `local target = ...
       process.spawn("app:returns", "${HOST}")
       process.send(target, "hello")
       process.terminate(target)
       return true`,
    );
    const target = t.spawn("app:idle");
    const pid = t.spawn("app:main", [target], { security: securedContext(actor("user:1"), []) });
    t.settle(1_000);
    expect(t.exit(pid)).toEqual({ kind: "normal", value: true });
    expect(t.alive(target)).toBe(true);
    expect(t.kernel.info(target)).toMatchObject({ ok: true, value: { mailbox: 0 } });
    expect(t.kernel.processCount).toBe(1);
  });

  it("a deny wins over an allow, and may condition on meta.entry however the target is addressed", () => {
    const { t } = securityWorld(
      `local target = ...
       local a = { process.send(target, "x") }
       local b = { process.send("svc", "x") }
       return { a[1] == true, a[2] and a[2]:kind(), b[1] == true, b[2] and b[2]:kind(), b[2] and b[2]:message() }`,
      {
        policies: {
          "app.sec:send_all": { actions: "process.send", resources: "*" },
          "app.sec:not_idle": { actions: "process.send", resources: "*", effect: "deny", conditions: [{ field: "meta.entry", operator: "eq", value: "app:idle" }] },
        },
      },
    );
    const target = t.spawn("app:idle");
    t.kernel.register("svc", target);
    const pid = t.spawn("app:main", [target], { security: securedContext(actor("user:1"), ["app.sec:send_all", "app.sec:not_idle"]) });
    t.settle(1_000);
    expect(t.exit(pid)).toEqual({
      kind: "normal",
      value: [false, "PermissionDenied", false, "PermissionDenied", 'permission denied: process.send on "svc" (actor user:1: denied by policy app.sec:not_idle)'],
    });
  });

  it("a spawner's :with_name needs process.registry.register on the name", () => {
    const { t } = securityWorld(`local pid, err = process.with_context({}):with_name("squat"):spawn("app:idle", "${HOST}"); return { pid == nil, err:message() }`, {
      policies: { "app.sec:spawn": { actions: ["process.spawn", "process.host"], resources: "*" } },
    });
    const pid = t.spawn("app:main", [], { security: securedContext(actor("u"), ["app.sec:spawn"]) });
    t.settle(1_000);
    expect(t.exit(pid)).toEqual({ kind: "normal", value: [true, 'permission denied: process.registry.register on "squat" (actor u: no policy in scope allows it)'] });
    expect(t.kernel.lookup("squat").ok).toBe(false);
  });

  it("unregister that is refused returns false and the error; the name stays", () => {
    const { t } = securityWorld(`local ok, err = process.registry.unregister("mine"); return { ok, err:kind() }`);
    const pid = t.spawn("app:main", [], { security: securedContext(actor("u"), []) });
    t.kernel.register("mine", pid);
    t.settle(1_000);
    expect(t.exit(pid)).toEqual({ kind: "normal", value: [false, "PermissionDenied"] });
  });
});
