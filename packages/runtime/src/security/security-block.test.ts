/**
 * `lifecycle.security` of a service: all or nothing (fail closed).
 */
import { describe, expect, it } from "vitest";
import { PolicyIndex } from "./policy-index";
import { readSecurityBlock } from "./security-block";
import { policyEntry } from "./test-support";

const index = PolicyIndex.fromEntries([
  policyEntry("app.sec:worker", { groups: ["workers"] }),
  { id: "app.sec:broken", kind: "security.policy", meta: {}, data: { policy: { actions: "*" } } },
]);

describe("readSecurityBlock", () => {
  it("actor, policies (relative ones in the owner's namespace) and groups", () => {
    const read = readSecurityBlock({ actor: { id: "service:w", meta: { role: "worker" } }, policies: ["worker"], groups: ["app.sec:workers"] }, "app.sec:svc", index);
    expect(read).toEqual({ ok: true, context: { actor: { id: "service:w", meta: { role: "worker" } }, scope: { policies: ["app.sec:worker"], groups: ["app.sec:workers"] } } });
  });

  it("no block, or an empty one, is no context", () => {
    expect(readSecurityBlock(undefined, "app:svc", index)).toEqual({ ok: true, context: undefined });
    expect(readSecurityBlock({}, "app:svc", index)).toEqual({ ok: true, context: undefined });
  });

  it("an actor alone gives no scope; an empty policy list gives an empty one", () => {
    expect(readSecurityBlock({ actor: { id: "a" } }, "app:svc", index)).toEqual({ ok: true, context: { actor: { id: "a", meta: {} } } });
    expect(readSecurityBlock({ policies: [] }, "app:svc", index)).toEqual({ ok: true, context: { actor: undefined, scope: { policies: [], groups: [] } } });
  });

  it.each([
    ["missing policy", { policies: ["app.sec:nope"] }, "app:svc: lifecycle.security names policy app.sec:nope, which does not exist", ["app:svc", "app.sec:nope"]],
    ["invalid policy", { policies: ["app.sec:broken"] }, "app:svc: lifecycle.security names policy app.sec:broken, which is invalid", ["app:svc", "app.sec:broken"]],
    ["unknown group", { groups: ["app.sec:nobody"] }, "app:svc: lifecycle.security names group app.sec:nobody, which no security.policy declares", ["app:svc"]],
    ["actor without id", { actor: { meta: {} } }, "app:svc: lifecycle.security: actor needs an id (a non-empty string)", ["app:svc"]],
  ])("%s: refused, naming the entries involved", (_name, block, message, ids) => {
    expect(readSecurityBlock(block, "app:svc", index)).toEqual({ ok: false, problems: [{ message, ids }] });
  });
});
