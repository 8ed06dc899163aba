/**
 * Test support for the security core: entries for policies and settings, and a one-call check.
 */
import type { Entry, JsonObject, JsonValue } from "@wippy/shared";
import { decide } from "./evaluate";
import { PolicyIndex } from "./policy-index";
import { makeScope } from "./scope";
import type { Actor, Meta, SecurityContext, Verdict } from "./terms";

export interface PolicyFields {
  actions?: JsonValue;
  resources?: JsonValue;
  effect?: JsonValue;
  conditions?: JsonValue;
  groups?: string[];
}

export function policyEntry(id: string, fields: PolicyFields = {}): Entry {
  const { groups, ...rules } = fields;
  const policy: JsonObject = { actions: "*", resources: "*", effect: "allow" };
  for (const [key, value] of Object.entries(rules)) if (value !== undefined) policy[key] = value;
  return { id, kind: "security.policy", meta: {}, data: groups === undefined ? { policy } : { policy, groups } };
}

export const settingsEntry = (id: string, data: JsonObject): Entry => ({ id, kind: "security.settings", meta: {}, data });

export const actor = (id: string, meta: Record<string, JsonValue> = {}): Actor => ({ id, meta });

export const context = (a: Actor | undefined, policies: string[] | undefined, groups: string[] = []): SecurityContext => ({
  actor: a,
  scope: policies === undefined ? undefined : makeScope(policies, groups),
});

export function check(entries: Entry[], ctx: SecurityContext | undefined, action: string, resource: string, meta?: Meta): Verdict {
  return decide(PolicyIndex.fromEntries(entries), ctx, { action, resource, meta });
}
