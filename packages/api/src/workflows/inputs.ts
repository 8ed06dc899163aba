/**
 * What the `workflows` router accepts, validated once here: run ids, the list's filters and
 * page cursor, a start request, a signal, a reason. Messages are written for the person who
 * typed the value.
 */
import { z } from "zod";
import type { RunStatusFilter } from "@wippy/db";
import { ENTRY_ID_PATTERN, jsonValueSchema, type ConflictPolicy } from "@wippy/shared";

export const RUN_STATUS_FILTERS = ["running", "completed", "failed", "canceled", "terminated", "halted"] as const satisfies readonly RunStatusFilter[];
export const CONFLICT_POLICY_VALUES = ["use_existing", "fail", "terminate_existing"] as const satisfies readonly ConflictPolicy[];
export const LIST_PAGE_SIZE = 50;

export const runIdSchema = z.string().min(1, { error: "a workflow run id must not be empty" }).max(512);

const entryIdSchema = (what: string) => z.string().regex(ENTRY_ID_PATTERN, { error: `${what} must be an entry id like namespace:name` });

/** As PostgreSQL prints a timestamptz: `2025-11-25 14:03:07.123456+00`. */
const PG_TIMESTAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?[+-]\d\d(:\d\d){0,2}$/;

export const listInput = z
  .object({
    status: z.enum(RUN_STATUS_FILTERS, { error: `status must be one of ${RUN_STATUS_FILTERS.join(", ")}` }).optional(),
    workflow: entryIdSchema("the workflow").optional(),
    /** A part of the run id, any case. */
    id: z.string().trim().max(512).optional(),
    /** Epoch ms: created at or after / before. */
    createdFrom: z.int().min(0).optional(),
    createdTo: z.int().min(0).optional(),
    limit: z.int().min(1).max(200).default(LIST_PAGE_SIZE),
    cursor: z.object({ createdAt: z.string().regex(PG_TIMESTAMP, { error: "not a page cursor from this list" }), id: z.string().max(512) }).nullish(),
  })
  .refine((f) => f.createdFrom === undefined || f.createdTo === undefined || f.createdFrom < f.createdTo, {
    error: "the start of the time range must be before its end",
    path: ["createdTo"],
  });

export const startInput = z.object({
  workflow: entryIdSchema("the workflow"),
  host: entryIdSchema("the workflow host").optional(),
  args: z.array(jsonValueSchema).max(100, { error: "at most 100 arguments" }).default([]),
  /** The business id (`workflow.id`); a new uuid without one. */
  id: z
    .string()
    .trim()
    .min(1, { error: "a business id must not be empty (leave it out for a generated one)" })
    .max(200)
    .regex(/^[^{}|]+$/, { error: "a business id must be free of { } |" })
    .optional(),
  policy: z.enum(CONFLICT_POLICY_VALUES, { error: `the conflict policy must be one of ${CONFLICT_POLICY_VALUES.join(", ")}` }).optional(),
});

export const signalInput = z.object({
  id: runIdSchema,
  topic: z
    .string()
    .trim()
    .min(1, { error: "the signal topic must not be empty" })
    .max(200)
    .refine((t) => !t.startsWith("@"), { error: "topics beginning with @ are reserved for the system" }),
  /** The signal's one payload (what `msg:payload():data()` gives the workflow); none when absent. */
  payload: jsonValueSchema.optional(),
});

export const reasonInput = z.object({ id: runIdSchema, reason: z.string().trim().max(2000).default("") });

export const upgradeInput = z.object({
  id: runIdSchema,
  /** The code hash the person saw in the check: a newer one is refused (CONFLICT), not switched to. */
  expectedHash: z.string().regex(/^[0-9a-f]{64}$/, { error: "expectedHash must be a code hash from an upgrade check" }).optional(),
});
