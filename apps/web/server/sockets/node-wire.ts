/**
 * The `/nodes` namespace protocol — what runtime nodes and the control plane say to each other
 * (the node's side is apps/runtime/src/control/wire.ts; both validate what they receive, and the
 * agent tests run a real node against this server, so a drift between them fails a test).
 *
 * Node → server:
 * - handshake `auth: { token }` — the node token from `control_settings`.
 * - `hello(NodeHello, ack)` once per connection; the server acks `{ ok: true }` and only then
 *   lists the node (rooms `node:<id>` and `nodes`). A second connection with the same id
 *   replaces the first.
 * - `heartbeat(NodeStatus)` every 2 s.
 * Server → node:
 * - `command({ command, timeoutMs }, ack(NodeReply))`: the node bounds the work by `timeoutMs`
 *   itself, so a command the server stopped waiting for does not run on forever.
 *
 * `NodeSocketData` is what every server in the cluster sees of a node socket (`fetchSockets`),
 * so it is plain JSON.
 */
import { z } from "zod";
import type { NodeCommand, NodeInfo, NodeReply } from "@wippy/api";
import { jsonValueSchema } from "@wippy/shared";

export const nodeStatusSchema = z.object({
  registryVersion: z.number().int().nonnegative(),
  processes: z.number().int().nonnegative(),
  memory: z.number().nonnegative(),
});
export type NodeStatus = z.infer<typeof nodeStatusSchema>;

export const nodeHelloSchema = nodeStatusSchema.extend({
  id: z.string().min(1).max(200),
  address: z.string().min(1).max(200),
  startedAt: z.number().nonnegative(),
});
export type NodeHello = z.infer<typeof nodeHelloSchema>;

export const nodeReplySchema: z.ZodType<NodeReply> = z.union([
  z.object({ ok: z.literal(true), value: jsonValueSchema }),
  z.object({ ok: z.literal(false), kind: z.string(), message: z.string(), traceback: z.string().optional() }),
]);

export const nodeCommandSchema: z.ZodType<NodeCommand> = z.object({
  type: z.literal("function.call"),
  id: z.string().min(1),
  args: z.array(jsonValueSchema),
});

export interface CommandEnvelope {
  readonly command: NodeCommand;
  readonly timeoutMs: number;
}

export type HelloAck = { ok: true } | { ok: false; message: string };

export interface NodeListenEvents {
  hello: (hello: NodeHello, ack: (reply: HelloAck) => void) => void;
  heartbeat: (status: NodeStatus) => void;
}

export interface NodeEmitEvents {
  command: (envelope: CommandEnvelope, ack: (reply: unknown) => void) => void;
}

export interface NodeSocketData {
  node?: NodeInfo;
}

/** Room of one node, and of every node that said hello. */
export const nodeRoom = (id: string): string => `node:${id}`;
export const HELLO_ROOM = "nodes";
