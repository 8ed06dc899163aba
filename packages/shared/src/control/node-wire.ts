/**
 * The `/nodes` protocol between runtime nodes and the control plane (socket.io) — one
 * definition for both sides (apps/runtime's agent and apps/web's server). Each side validates
 * what it receives with these schemas and trusts what it builds.
 *
 * Node → server:
 * - handshake `auth: { token }` — the node token from `control_settings`;
 * - `hello(NodeHello, ack(HelloAck))` once per connection;
 * - `heartbeat(NodeStatus)` every 2 s;
 * - `tree(TreeFrame)` whenever its supervision tree changed (debounced), so the canvas shows a
 *   crash and its restart within a second;
 * - `processes(ProcessDelta)` once a second, only while someone watches (`telemetry.watch`);
 * - `logs(LogLine[])` batched, only while someone watches.
 * Server → node:
 * - `command({ command, timeoutMs }, ack(NodeReply))`: the node bounds the work by `timeoutMs`
 *   itself, so a command the server stopped waiting for does not run on forever.
 *
 * Commands (`NodeCommand`):
 * - `function.call {id, args}` — call a `function.lua`; the value is its result.
 * - `process.send {dest, topic, payload?}` — a message from the system (`from` = "") to a pid
 *   or a registered name; `process.cancel {dest, reason}` (CANCEL: the process decides when
 *   to stop); `process.terminate {dest}` (at once); `service.restart {id}` (stop and start the
 *   service by its supervisor, counted as a restart).
 * - `inspect.snapshot {}` → `ProcessSnapshot`; `inspect.process {pid}` → `ProcessDetail` (and
 *   traces the process's messages for a while, for the next calls); `logs.recent {limit}` →
 *   `LogLine[]`.
 * - `telemetry.watch {processes, logs, ttlMs}` — stream `processes` / `logs` frames for the
 *   next `ttlMs`; servers with watchers renew it, so a node streams only while watched.
 */
import { z } from "zod";
import { jsonValueSchema, type JsonValue } from "../registry/entry";
import { liveTreeNodeSchema, logLineSchema, type LiveTreeNode, type LogLine, type ProcessDelta } from "./telemetry";

export const nodeStatusSchema = z.object({
  registryVersion: z.number().int().nonnegative(),
  processes: z.number().int().nonnegative(),
  /** Resident memory in bytes. */
  memory: z.number().nonnegative(),
});
export type NodeStatus = z.infer<typeof nodeStatusSchema>;

export const nodeHelloSchema = nodeStatusSchema.extend({
  id: z.string().min(1).max(200),
  /** host:pid or what the node calls itself, for people. */
  address: z.string().min(1).max(200),
  startedAt: z.number().nonnegative(),
});
export type NodeHello = z.infer<typeof nodeHelloSchema>;

/** A node as the control plane lists it: its hello, updated by each heartbeat. */
export interface NodeInfo extends NodeHello {
  readonly heartbeatAt: number;
}

export type HelloAck = { ok: true } | { ok: false; message: string };

/** Longest a message payload sent from the control plane may be, as JSON text. */
export const MAX_COMMAND_PAYLOAD_CHARS = 64_000;

const dest = z.string().min(1).max(300);
const payloadSchema = jsonValueSchema.refine((value) => JSON.stringify(value).length <= MAX_COMMAND_PAYLOAD_CHARS, {
  message: `the payload is larger than ${MAX_COMMAND_PAYLOAD_CHARS} characters of JSON`,
});

export const nodeCommandSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("function.call"), id: z.string().min(1), args: z.array(jsonValueSchema) }),
  z.object({ type: z.literal("process.send"), dest, topic: z.string().min(1).max(200), payload: payloadSchema.optional() }),
  z.object({ type: z.literal("process.cancel"), dest, reason: z.string().max(500) }),
  z.object({ type: z.literal("process.terminate"), dest }),
  z.object({ type: z.literal("service.restart"), id: z.string().min(1) }),
  z.object({ type: z.literal("inspect.snapshot") }),
  z.object({ type: z.literal("inspect.process"), pid: dest }),
  z.object({ type: z.literal("logs.recent"), limit: z.number().int().positive().max(5_000) }),
  z.object({ type: z.literal("telemetry.watch"), processes: z.boolean(), logs: z.boolean(), ttlMs: z.number().int().positive().max(60_000) }),
]);
export type NodeCommand = z.infer<typeof nodeCommandSchema>;
export type NodeCommandType = NodeCommand["type"];

/** Commands that change something on the node: operators only, and audited. */
export const ACTION_COMMANDS: ReadonlySet<NodeCommandType> = new Set(["function.call", "process.send", "process.cancel", "process.terminate", "service.restart"]);

export const commandEnvelopeSchema = z.object({
  command: nodeCommandSchema,
  timeoutMs: z.number().int().positive(),
});
export type CommandEnvelope = z.infer<typeof commandEnvelopeSchema>;

export type NodeReply =
  | { readonly ok: true; readonly value: JsonValue }
  | { readonly ok: false; readonly kind: string; readonly message: string; readonly traceback?: string };

export const nodeReplySchema: z.ZodType<NodeReply> = z.union([
  z.object({ ok: z.literal(true), value: jsonValueSchema }),
  z.object({ ok: z.literal(false), kind: z.string(), message: z.string(), traceback: z.string().optional() }),
]);

export const treeFrameSchema = z.object({ at: z.number(), tree: liveTreeNodeSchema });
export type TreeFrame = z.infer<typeof treeFrameSchema>;

export const logBatchSchema = z.array(logLineSchema).max(5_000);

/** Events a node emits (the server listens to these). */
export interface NodeToServerEvents {
  hello: (hello: NodeHello, ack: (reply: HelloAck) => void) => void;
  heartbeat: (status: NodeStatus) => void;
  tree: (frame: { at: number; tree: LiveTreeNode }) => void;
  processes: (delta: ProcessDelta) => void;
  logs: (lines: LogLine[]) => void;
}

/** Events the server emits to a node. The node validates the envelope itself. */
export interface ServerToNodeEvents {
  command: (envelope: CommandEnvelope, ack: (reply: unknown) => void) => void;
}

/** What the server says when the token is wrong (its `connect_error` message). */
export const INVALID_NODE_TOKEN = "invalid node token";

/** A short description of a command for logs and audit summaries. */
export function describeCommand(command: NodeCommand): string {
  switch (command.type) {
    case "function.call":
      return `function.call ${command.id}`;
    case "process.send":
      return `process.send ${command.topic} to ${command.dest}`;
    case "process.cancel":
      return `process.cancel ${command.dest}`;
    case "process.terminate":
      return `process.terminate ${command.dest}`;
    case "service.restart":
      return `service.restart ${command.id}`;
    case "inspect.snapshot":
      return "inspect.snapshot";
    case "inspect.process":
      return `inspect.process ${command.pid}`;
    case "logs.recent":
      return `logs.recent ${command.limit}`;
    case "telemetry.watch":
      return "telemetry.watch";
    default:
      return assertNever(command);
  }
}

/** What a command is about — an entry id, a pid or name — for audit targets ("" if nothing). */
export function commandTarget(command: NodeCommand): string {
  switch (command.type) {
    case "function.call":
    case "service.restart":
      return command.id;
    case "process.send":
    case "process.cancel":
    case "process.terminate":
      return command.dest;
    case "inspect.process":
      return command.pid;
    default:
      return "";
  }
}

function assertNever(value: never): never {
  throw new Error(`unknown node command: ${JSON.stringify(value)}`);
}
