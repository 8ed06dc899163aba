/**
 * The entry kinds this runtime runs (LUA_API.md §1) and the shape of their data.
 *
 * Terms:
 * - Known kind: one listed in `KIND_SPECS`; its data is checked and wrong fields are errors.
 *   Fields a schema does not name are kept and only warned about: Wippy may add fields this
 *   runtime does not use yet. `registry.entry` data is free, so it gets no such warnings.
 * - Lua kind: a kind whose data carries Lua `source` (inline text once loaded).
 * - Method: the function a source's returned table provides (`return { main = main }` →
 *   `method: main`); a source that returns a bare function needs none.
 *
 * Like the lifecycle schema, these check and never fill in defaults (`DEFAULT_SUPERVISOR`,
 * `DEFAULT_WORKFLOW_HOST` say what an absent field means).
 */
import { z } from "zod";
import { jsonValueSchema } from "@wippy/shared";
import { securityPolicySchema } from "../security/policy-schema";
import { securitySettingsSchema } from "../security/settings";
import { durationSchema, entryRefSchema, lifecycleSchema } from "./lifecycle-schema";
import { reviewRulesSchema } from "./review-rules";

export const SUPERVISOR_STRATEGIES = ["one_for_one", "one_for_all", "rest_for_one"] as const;
export type SupervisorStrategy = (typeof SUPERVISOR_STRATEGIES)[number];

export const POOL_TYPES = ["inline", "lazy", "static", "adaptive"] as const;

export const DEFAULT_SUPERVISOR = { strategy: "one_for_one" as SupervisorStrategy, intensity: 1, period: "5s" } as const;
export const DEFAULT_WORKFLOW_HOST = { lease: "5s" } as const;

const positiveInt = z.int({ error: "must be a whole number" }).min(1, { error: "must be at least 1" });

const luaCode = {
  source: z.string({ error: "source is required: inline Lua text or file://name.lua" }),
  modules: z.array(z.string(), { error: "must be a list of module names" }).nullish(),
  imports: z.record(z.string(), entryRefSchema, { error: "must map aliases to library entry ids" }).nullish(),
};

export const luaFunctionSchema = z.looseObject({
  ...luaCode,
  method: z.string({ error: "must be the name of a function" }).min(1).nullish(),
  pool: z
    .looseObject({
      type: z.enum(POOL_TYPES, { error: `must be one of ${POOL_TYPES.join(", ")}` }).nullish(),
      workers: positiveInt.nullish(),
      size: positiveInt.nullish(),
      buffer: positiveInt.nullish(),
      max_size: positiveInt.nullish(),
    })
    .nullish(),
});

export const luaLibrarySchema = z.looseObject(luaCode);

export const processHostSchema = z.looseObject({
  host: z
    .looseObject({ workers: positiveInt.nullish(), queue_size: positiveInt.nullish(), local_queue_size: positiveInt.nullish() })
    .nullish(),
  lifecycle: lifecycleSchema.nullish(),
});

export const terminalHostSchema = z.looseObject({
  hide_logs: z.boolean({ error: "must be true or false" }).nullish(),
  lifecycle: lifecycleSchema.nullish(),
});

export const processServiceSchema = z.looseObject({
  process: entryRefSchema,
  host: entryRefSchema,
  input: z.array(jsonValueSchema, { error: "must be a list of arguments" }).nullish(),
  lifecycle: lifecycleSchema.nullish(),
});

export const processSupervisorSchema = z.looseObject({
  strategy: z.enum(SUPERVISOR_STRATEGIES, { error: `must be one of ${SUPERVISOR_STRATEGIES.join(", ")}` }).nullish(),
  intensity: z.int({ error: "must be a whole number of restarts" }).min(0, { error: "must be 0 or more" }).nullish(),
  period: durationSchema.nullish(),
  lifecycle: lifecycleSchema.nullish(),
});

export const workflowHostSchema = z.looseObject({
  workers: positiveInt.nullish(),
  lease: durationSchema.nullish(),
  lifecycle: lifecycleSchema.nullish(),
});

export const registryEntrySchema = z.looseObject({});

/** Wippy's system/database.md; what each field means: `src/sql/postgres-config.ts`. */
const envName = z.string({ error: "must name an environment variable" }).min(1, { error: "must name an environment variable" });
const nonNegativeInt = z.int({ error: "must be a whole number" }).min(0, { error: "must be 0 or more" });
const connectionText = z.string({ error: "must be a string" });

export const postgresDatabaseSchema = z.looseObject({
  host: connectionText.nullish(),
  host_env: envName.nullish(),
  port: z.union([z.int().min(1).max(65535), z.string()], { error: "must be a port number" }).nullish(),
  port_env: envName.nullish(),
  database: connectionText.nullish(),
  database_env: envName.nullish(),
  username: connectionText.nullish(),
  username_env: envName.nullish(),
  password: z.union([z.string(), z.number()], { error: "must be a string" }).nullish(),
  password_env: envName.nullish(),
  pool: z.looseObject({ max_open: nonNegativeInt.nullish(), max_idle: nonNegativeInt.nullish(), max_lifetime: durationSchema.nullish() }).nullish(),
  options: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]), { error: "must map option names to strings" }).nullish(),
  lifecycle: lifecycleSchema.nullish(),
});

/** Meta fields the runtime reads; every other meta field is free. */
export const metaSchema = z.looseObject({
  supervisor: entryRefSchema.nullish(),
  default_host: entryRefSchema.nullish(),
  order: z.number({ error: "must be a number" }).nullish(),
});

export interface KindSpec {
  data: z.ZodObject;
  /** Data fields the schema does not name are reported as warnings. */
  warnUnknownFields: boolean;
  lua: boolean;
  /** A source returning a table must name the method to run. */
  needsMethod: boolean;
}

const spec = (data: z.ZodObject, lua: "none" | "library" | "callable" = "none", warnUnknownFields = true): KindSpec => ({
  data,
  warnUnknownFields,
  lua: lua !== "none",
  needsMethod: lua === "callable",
});

export const KIND_SPECS = {
  "function.lua": spec(luaFunctionSchema, "callable"),
  "process.lua": spec(luaFunctionSchema, "callable"),
  "workflow.lua": spec(luaFunctionSchema, "callable"),
  "library.lua": spec(luaLibrarySchema, "library"),
  "process.host": spec(processHostSchema),
  "terminal.host": spec(terminalHostSchema),
  "process.service": spec(processServiceSchema),
  "process.supervisor": spec(processSupervisorSchema),
  "workflow.host": spec(workflowHostSchema),
  "registry.entry": spec(registryEntrySchema, "none", false),
  "db.sql.postgres": spec(postgresDatabaseSchema),
  // Wippy's security.policy (system/security.md) and our security.settings (strict mode).
  "security.policy": spec(securityPolicySchema),
  "security.settings": spec(securitySettingsSchema),
  // Our addition (issue 9): which changes need a change request (registry/review-rules.ts).
  "registry.review_rules": spec(reviewRulesSchema),
} as const satisfies Record<string, KindSpec>;

export type KnownKind = keyof typeof KIND_SPECS;

export function isKnownKind(kind: string): kind is KnownKind {
  return Object.hasOwn(KIND_SPECS, kind);
}

export function isLuaKind(kind: string): boolean {
  return isKnownKind(kind) && KIND_SPECS[kind].lua;
}
