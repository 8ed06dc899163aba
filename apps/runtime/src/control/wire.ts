/**
 * The `/nodes` protocol as the node speaks it (the server's side: apps/web/server/sockets/
 * node-wire.ts; the agent tests run this node against that server, so they cannot drift apart
 * unnoticed). The node validates what it receives — commands — and trusts what it builds.
 *
 * Node → server: handshake `auth: { token }`; `hello(NodeHello, ack)`; `heartbeat(NodeStatus)`.
 * Server → node: `command({ command, timeoutMs }, ack(NodeReply))`.
 */
import { jsonValueSchema, type JsonValue } from "@wippy/shared";
import { z } from "zod";

export interface NodeStatus {
  readonly registryVersion: number;
  readonly processes: number;
  /** Resident memory in bytes. */
  readonly memory: number;
}

export interface NodeHello extends NodeStatus {
  readonly id: string;
  readonly address: string;
  readonly startedAt: number;
}

export const commandEnvelopeSchema = z.object({
  command: z.discriminatedUnion("type", [z.object({ type: z.literal("function.call"), id: z.string().min(1), args: z.array(jsonValueSchema) })]),
  timeoutMs: z.number().int().positive(),
});

export type CommandEnvelope = z.infer<typeof commandEnvelopeSchema>;
export type NodeCommand = CommandEnvelope["command"];

export type NodeReply =
  | { readonly ok: true; readonly value: JsonValue }
  | { readonly ok: false; readonly kind: string; readonly message: string; readonly traceback?: string };

export type HelloAck = { ok: true } | { ok: false; message: string };

export interface AgentEmitEvents {
  hello: (hello: NodeHello, ack: (reply: HelloAck) => void) => void;
  heartbeat: (status: NodeStatus) => void;
}

export interface AgentListenEvents {
  command: (envelope: unknown, ack: (reply: NodeReply) => void) => void;
}

/** What the server says when the token is wrong (its `connect_error` message). */
export const INVALID_NODE_TOKEN = "invalid node token";
