/**
 * `security.policy` entries as the registry reads them: the kind's schema reports each bad
 * field (the loader turns these into file:line errors), and `Policy.read` refuses the same
 * entries — an invalid policy never compiles into something that allows.
 */
import { describe, expect, it } from "vitest";
import type { Entry, JsonObject } from "@wippy/shared";
import { validateEntry } from "../registry/validate-entry";
import { Policy } from "./policy";
import { PolicyIndex } from "./policy-index";

const entry = (data: JsonObject): Entry => ({ id: "app.sec:p", kind: "security.policy", meta: {}, data });
const rules = (policy: JsonObject, extra: JsonObject = {}) => entry({ policy, ...extra });

describe("security.policy data", () => {
  it("a full policy is valid and compiles", () => {
    const e = rules(
      { actions: ["read", "*.get"], resources: "document:*", effect: "deny", conditions: [{ field: "meta.owner", operator: "eq", value_from: "actor.id" }] },
      { groups: ["admin", "other.ns:ops"] },
    );
    expect(validateEntry(e)).toEqual({ errors: [], warnings: [] });
    const read = Policy.read(e);
    expect(read.ok).toBe(true);
    if (read.ok) {
      expect(read.policy.effect).toBe("deny");
      expect(read.policy.groups).toEqual(["app.sec:admin", "other.ns:ops"]);
    }
  });

  it.each([
    ["no policy", {}, "data.policy", /policy is required/],
    ["no actions", { policy: { resources: "*", effect: "allow" } }, "data.policy.actions", /required/],
    ["empty action list", { policy: { actions: [], resources: "*", effect: "allow" } }, "data.policy.actions", /must name at least one of the actions/],
    ["bad effect", { policy: { actions: "*", resources: "*", effect: "permit" } }, "data.policy.effect", /must be allow or deny/],
    ["unknown operator", { policy: { actions: "*", resources: "*", effect: "allow", conditions: [{ field: "action", operator: "like", value: "x" }] } }, "data.policy.conditions.0.operator", /must be one of eq, ne/],
    ["bad field", { policy: { actions: "*", resources: "*", effect: "allow", conditions: [{ field: "user.role", operator: "eq", value: "x" }] } }, "data.policy.conditions.0", /not a field/],
    ["value and value_from", { policy: { actions: "*", resources: "*", effect: "allow", conditions: [{ field: "meta.a", operator: "eq", value: 1, value_from: "actor.id" }] } }, "data.policy.conditions.0.value_from", /not both/],
    ["bad regex", { policy: { actions: "*", resources: "*", effect: "deny", conditions: [{ field: "resource", operator: "matches", value: "(" }] } }, "data.policy.conditions.0", /regular expression/],
    ["groups not a list", { policy: { actions: "*", resources: "*", effect: "allow" }, groups: "admin" }, "data.groups", /list of group names/],
  ])("%s: reported on its field, and the policy does not compile", (_name, data, path, message) => {
    const e = entry(data as JsonObject);
    const { errors } = validateEntry(e);
    expect(errors.map((p) => p.path.join("."))).toContain(path);
    expect(errors.map((p) => p.message).join("\n")).toMatch(message);
    const read = Policy.read(e);
    expect(read.ok).toBe(false);
    expect(PolicyIndex.fromEntries([e]).lookup(e.id).kind).toBe("invalid");
  });

  it("unknown fields are kept and warned about, as for other kinds", () => {
    const { errors, warnings } = validateEntry(rules({ actions: "*", resources: "*", effect: "allow", priority: 1 }, { description: "x" }));
    expect(errors).toEqual([]);
    expect(warnings.map((w) => w.message).sort()).toEqual(["description: unknown field, kept but not used", "policy.priority: unknown field, kept but not used"]);
  });

  it("security.settings: strict_mode must be a boolean", () => {
    const bad: Entry = { id: "app:s", kind: "security.settings", meta: {}, data: { strict_mode: "yes" } };
    expect(validateEntry(bad).errors.map((e) => e.message)).toEqual(["strict_mode: must be true or false"]);
  });

  it("an invalid policy is still listed in the groups it names, so its group's scopes are refused", () => {
    const e = entry({ policy: { actions: "*", resources: "*", effect: "nope" }, groups: ["admin"] });
    const index = PolicyIndex.fromEntries([e]);
    expect(index.group("app.sec:admin")).toEqual(["app.sec:p"]);
    expect(index.problems.join("\n")).toMatch(/app.sec:p: policy.effect/);
  });
});
