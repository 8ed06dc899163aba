/**
 * What a runtime node reports of its live state to the control plane (issue 8), as zod schemas
 * so the server and the browser validate what crosses the wire, and the node builds exactly
 * these shapes.
 *
 * Terms:
 * - `ProcessRow`: one live process — pid, the entry it runs, host, state and what it waits on
 *   (`waiting`: the labels of the channels it is parked on: `inbox`, `events`, `topic:<t>`,
 *   `timer`, `call`, `channel`), mailbox length, reductions (work units run), a memory
 *   estimate in bytes, links, monitors, names, start time, the registry version its code came
 *   from, and — for a supervised process — its service id and restart count.
 * - `LiveTreeNode`: the node's supervision tree as the runtime describes it (`wippy ps`):
 *   services and supervisors with state, pid, restarts, uptime and last exit.
 * - `ProcessDelta`: since the previous delta of the same node, the rows that appeared (whole),
 *   the fields that changed in known rows (`patch`: the pid and only those fields — a busy
 *   process usually changes only its reductions, ~50 bytes instead of ~230), and the pids that
 *   exited; deltas are numbered (`seq`) so a client that missed one knows to ask for a
 *   snapshot again.
 * - `LogLine`: one structured log record of the node (pino), with the pid, entry id and
 *   version fields when it concerns a process.
 * - `SampledMessage`: a message delivered to a traced process (the process page), its
 *   payload cut to a preview.
 */
import { z } from "zod";
import { jsonValueSchema } from "../registry/entry";

export const PROCESS_STATES = ["ready", "running", "waiting", "exited"] as const;

export const processRowSchema = z.object({
  pid: z.string(),
  entry: z.string(),
  host: z.string(),
  state: z.enum(PROCESS_STATES),
  waiting: z.array(z.string()),
  mailbox: z.number().int().nonnegative(),
  reductions: z.number().nonnegative(),
  memory: z.number().nonnegative(),
  links: z.array(z.string()),
  monitors: z.array(z.string()),
  names: z.array(z.string()),
  startedAt: z.number(),
  version: z.number().int().nonnegative(),
  service: z.string().optional(),
  restarts: z.number().int().nonnegative().optional(),
});
export type ProcessRow = z.infer<typeof processRowSchema>;

/** The runtime's child states; `failed` with a `nextRestartAt` is a restart on its way. */
export const CHILD_STATES = ["stopped", "starting", "running", "stopping", "exited", "failed", "terminal"] as const;
export type ChildState = (typeof CHILD_STATES)[number];

const lastExitSchema = z.object({
  at: z.number(),
  class: z.enum(["normal", "error", "fatal"]),
  error: z.object({ kind: z.string(), message: z.string() }).optional(),
});

const treeNodeBase = z.object({
  id: z.string(),
  state: z.enum(CHILD_STATES),
  pid: z.string().nullable(),
  restarts: z.number().int().nonnegative(),
  attempts: z.number().int().nonnegative(),
  lastExit: lastExitSchema.nullable(),
  uptimeMs: z.number().nullable(),
  restartType: z.string(),
  nextRestartAt: z.number().nullable(),
});

export type LiveTreeNode = z.infer<typeof treeNodeBase> &
  ({ kind: "service" } | { kind: "supervisor"; strategy: string; intensity: number | null; periodMs: number | null; children: LiveTreeNode[] });

export const liveTreeNodeSchema: z.ZodType<LiveTreeNode> = z.lazy(() =>
  z.union([
    treeNodeBase.extend({ kind: z.literal("service") }),
    treeNodeBase.extend({
      kind: z.literal("supervisor"),
      strategy: z.string(),
      /** null: no limit (the node's root supervisor). */
      intensity: z.number().nullable(),
      periodMs: z.number().nullable(),
      children: z.array(liveTreeNodeSchema),
    }),
  ]),
);

export const processPatchSchema = processRowSchema.partial().extend({ pid: z.string() });
export type ProcessPatch = z.infer<typeof processPatchSchema>;

export const processDeltaSchema = z.object({
  seq: z.number().int().nonnegative(),
  upsert: z.array(processRowSchema),
  patch: z.array(processPatchSchema),
  remove: z.array(z.string()),
});
export type ProcessDelta = z.infer<typeof processDeltaSchema>;

/** The whole table of one node at `seq` (the deltas after it apply on top). */
export const processSnapshotSchema = z.object({
  seq: z.number().int().nonnegative(),
  at: z.number(),
  tree: liveTreeNodeSchema,
  processes: z.array(processRowSchema),
});
export type ProcessSnapshot = z.infer<typeof processSnapshotSchema>;

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const logLineSchema = z.object({
  /** Per node, increasing: the order of lines and the key a browser dedupes by. */
  seq: z.number().int().nonnegative(),
  at: z.number(),
  level: z.enum(LOG_LEVELS),
  msg: z.string(),
  pid: z.string().optional(),
  entry: z.string().optional(),
  version: z.number().optional(),
  fields: z.record(z.string(), jsonValueSchema),
});
export type LogLine = z.infer<typeof logLineSchema>;

export const sampledMessageSchema = z.object({
  at: z.number(),
  from: z.string(),
  topic: z.string(),
  /** JSON text of the payloads, cut at `MESSAGE_PREVIEW_CHARS`. */
  preview: z.string(),
  truncated: z.boolean(),
});
export type SampledMessage = z.infer<typeof sampledMessageSchema>;

export const MESSAGE_PREVIEW_CHARS = 2_000;

/** What the process page shows of one process (`inspect.process`). */
export const processDetailSchema = z.object({
  row: processRowSchema,
  /** Messages delivered since the process page started tracing it, newest last. */
  messages: z.array(sampledMessageSchema),
  logs: z.array(logLineSchema),
  /** The registry entry it runs and, for a service, the service entry (its config). */
  entry: jsonValueSchema.nullable(),
  serviceEntry: jsonValueSchema.nullable(),
});
export type ProcessDetail = z.infer<typeof processDetailSchema>;
