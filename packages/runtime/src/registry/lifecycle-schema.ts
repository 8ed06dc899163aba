/**
 * The `lifecycle:` block shared by services, supervisors and hosts (LUA_API.md §1), its field
 * types and its defaults.
 *
 * Terms:
 * - Duration: a Go duration string (`"500ms"`, `"1h30m"`), parsed with `parseDuration`.
 * - restart_type (OTP, for children of a `process.supervisor`): `permanent` restarts after any
 *   exit, `transient` only after an error exit, `temporary` never.
 * - on_change (hot change, §7): `restart`, `upgrade` or `none`.
 *
 * Schemas here check what was written; they never fill in defaults, so the registry stores
 * exactly what the author wrote. Readers apply `DEFAULT_LIFECYCLE` themselves.
 * Optional fields accept `null` (an empty `field:` in YAML) as "not set".
 */
import { z } from "zod";
import { jsonValueSchema, parseDuration } from "@wippy/shared";

export const RESTART_TYPES = ["permanent", "transient", "temporary"] as const;
export type RestartType = (typeof RESTART_TYPES)[number];

export const ON_CHANGE_MODES = ["restart", "upgrade", "none"] as const;
export type OnChangeMode = (typeof ON_CHANGE_MODES)[number];

/** Wippy's documented defaults (guides/supervision.md; restart values from guides/entry-kinds.md). */
export const DEFAULT_LIFECYCLE = {
  auto_start: false,
  start_timeout: "10s",
  stop_timeout: "10s",
  stable_threshold: "5s",
  restart_type: "transient" as RestartType,
  on_change: "restart" as OnChangeMode,
  restart: { initial_delay: "1s", max_delay: "90s", backoff_factor: 2, jitter: 0, max_attempts: 0 },
} as const;

export const durationSchema = z
  .string({ error: 'must be a duration string such as "5s" or "1h30m"' })
  .refine((text) => (parseDuration(text) ?? -1) >= 0, { error: (issue) => `${JSON.stringify(issue.input)} is not a duration (use "500ms", "5s", "1h30m")` });

/** A reference to another entry; relative names are made absolute by the loader. */
export const entryRefSchema = z.string({ error: "must be an entry id (namespace:name)" }).min(1, { error: "must be an entry id (namespace:name)" });

export const restartPolicySchema = z.looseObject({
  initial_delay: durationSchema.nullish(),
  max_delay: durationSchema.nullish(),
  backoff_factor: z.number().min(1, { error: "must be at least 1" }).nullish(),
  jitter: z.number().min(0, { error: "must be between 0 and 1" }).max(1, { error: "must be between 0 and 1" }).nullish(),
  max_attempts: z.int({ error: "must be a whole number (0 = forever)" }).min(0, { error: "must be 0 or more (0 = forever)" }).nullish(),
});

/**
 * `lifecycle.security` (Wippy's system/security.md): the actor and scope a service runs with.
 * Only the shape is checked here; that the policies and groups exist is checked against the
 * whole registry (`checkRunnable`, `security/security-block.ts`).
 */
export const securityContextSchema = z.looseObject({
  actor: z
    .looseObject({
      id: z.string({ error: "must be the actor's id (a string)" }).min(1, { error: "must not be empty" }),
      meta: z.record(z.string(), jsonValueSchema, { error: "must be a map of plain values" }).nullish(),
    })
    .nullish(),
  groups: z.array(entryRefSchema, { error: "must be a list of group ids" }).nullish(),
  policies: z.array(entryRefSchema, { error: "must be a list of policy ids" }).nullish(),
});

export const lifecycleSchema = z.looseObject({
  auto_start: z.boolean({ error: "must be true or false" }).nullish(),
  depends_on: z.array(entryRefSchema, { error: "must be a list of entry ids" }).nullish(),
  requires: z.array(entryRefSchema, { error: "must be a list of entry ids" }).nullish(),
  start_timeout: durationSchema.nullish(),
  stop_timeout: durationSchema.nullish(),
  stable_threshold: durationSchema.nullish(),
  restart: restartPolicySchema.nullish(),
  on_change: z.enum(ON_CHANGE_MODES, { error: `must be one of ${ON_CHANGE_MODES.join(", ")}` }).nullish(),
  restart_type: z.enum(RESTART_TYPES, { error: `must be one of ${RESTART_TYPES.join(", ")}` }).nullish(),
  security: securityContextSchema.nullish(),
});

export type Lifecycle = z.infer<typeof lifecycleSchema>;
