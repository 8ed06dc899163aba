/**
 * The data of a `security.policy` entry (Wippy's `system/security.md`), as a zod schema the
 * registry's kind table uses — so the loader reports a bad policy with file, line and field,
 * and writers (`checkRunnable`) refuse one:
 *
 *   policy:
 *     actions: "*" | "name" | [names]       # `*` wildcards; at least one
 *     resources: "*" | "id" | [ids]
 *     effect: allow | deny
 *     conditions:                            # optional; all must hold
 *       - { field: actor.meta.role, operator: eq, value: admin }   # or value_from: <field>
 *   groups: [names]                          # optional; bare names are in the policy's namespace
 *
 * Every condition is compiled here too (field paths, operator/value fit, regular expressions),
 * so a policy that passes the schema always compiles.
 */
import { z } from "zod";
import { jsonValueSchema } from "@wippy/shared";
import { compileCondition } from "./conditions";
import { CONDITION_OPERATORS, EFFECTS } from "./terms";

const name = z.string({ error: "must be a string" }).min(1, { error: "must not be empty" });
const names = (what: string) =>
  z.union([name, z.array(name, { error: `must be a list of ${what}` }).min(1, { error: `must name at least one of the ${what}` })], {
    error: `must be a string or a list of ${what} ("*" for all)`,
  });

export const conditionSchema = z
  .looseObject({
    field: name,
    operator: z.enum(CONDITION_OPERATORS, { error: `must be one of ${CONDITION_OPERATORS.join(", ")}` }),
    value: jsonValueSchema.optional(),
    value_from: name.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.value !== undefined && c.value_from !== undefined) {
      ctx.addIssue({ code: "custom", path: ["value_from"], message: "give value or value_from, not both" });
      return;
    }
    const compiled = compileCondition({ field: c.field, operator: c.operator, value: c.value, valueFrom: c.value_from });
    if (!compiled.ok) ctx.addIssue({ code: "custom", message: compiled.problem });
  });

export const policyRulesSchema = z.looseObject({
  actions: names("actions"),
  resources: names("resources"),
  effect: z.enum(EFFECTS, { error: `must be ${EFFECTS.join(" or ")}` }),
  conditions: z.array(conditionSchema, { error: "must be a list of conditions" }).nullish(),
});

export const securityPolicySchema = z.looseObject({
  policy: policyRulesSchema,
  groups: z.array(name, { error: "must be a list of group names" }).nullish(),
});

export type SecurityPolicyData = z.infer<typeof securityPolicySchema>;
