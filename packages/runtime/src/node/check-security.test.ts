/**
 * Security in "would this registry state run?": invalid policies and settings, and services
 * whose `lifecycle.security` names what does not exist, are refused by writers and held at
 * their last good revision by nodes.
 */
import { describe, expect, it } from "vitest";
import type { Entry } from "@wippy/shared";
import { policyEntry } from "../security/test-support";
import { checkRunnable } from "./check-version";
import { effectiveState } from "./last-good";

const host: Entry = { id: "app:h", kind: "process.host", meta: {}, data: { host: { workers: 1 } } };
const proc: Entry = { id: "app:p", kind: "process.lua", meta: {}, data: { source: "return { main = function() return 1 end }", method: "main" } };
const svc = (security: Entry["data"]): Entry => ({ id: "app:svc", kind: "process.service", meta: {}, data: { process: "app:p", host: "app:h", lifecycle: { auto_start: true, security } } });
const policy = policyEntry("app.sec:worker", { actions: "funcs.call", groups: ["workers"] });
const broken: Entry = { ...policy, data: { policy: { actions: "*", resources: "*", effect: "maybe" } } };
const state = (...entries: Entry[]) => new Map(entries.map((e) => [e.id, e]));

describe("checkRunnable: security", () => {
  it("a valid policy and a service that names it (and its group) run", () => {
    expect(checkRunnable([host, proc, policy, svc({ actor: { id: "svc" }, policies: ["app.sec:worker"], groups: ["app.sec:workers"] })])).toEqual([]);
  });

  it.each([
    ["an invalid policy", [broken], "app.sec:worker", ["app.sec:worker"], /invalid security.policy app.sec:worker: policy.effect: must be allow or deny/],
    ["an invalid strict_mode", [{ id: "app:s", kind: "security.settings", meta: {}, data: { strict_mode: 1 } }], "app:s", ["app:s"], /strict_mode must be true or false/],
    ["a service naming a missing policy", [svc({ policies: ["app.sec:gone"] })], "app:svc", ["app:svc", "app.sec:gone"], /names policy app.sec:gone, which does not exist/],
    ["a service naming an empty group", [policy, svc({ groups: ["app.sec:nobody"] })], "app:svc", ["app:svc"], /names group app.sec:nobody, which no security.policy declares/],
  ])("%s is a problem naming the entries involved", (_name, entries, entry, ids, message) => {
    const problems = checkRunnable([host, proc, ...(entries as Entry[])]);
    expect(problems).toEqual([{ entry, ids, message: expect.stringMatching(message) }]);
  });

  it("a node keeps the last good revision of a policy that turns invalid", () => {
    const before = state(host, proc, policy);
    const r = effectiveState([host, proc, broken], before);
    expect(r.held).toEqual(["app.sec:worker"]);
    expect(r.entries.get("app.sec:worker")).toBe(policy);
  });

  it("deleting a policy a service still uses is held back: the policy stays", () => {
    const service = svc({ policies: ["app.sec:worker"] });
    const before = state(host, proc, policy, service);
    const r = effectiveState([host, proc, service], before);
    expect(r.held).toEqual(["app.sec:worker", "app:svc"]);
    expect(r.entries.get("app.sec:worker")).toBe(policy);
  });
});
