/**
 * The node's side of the `/nodes` protocol (@wippy/shared `control/node-wire.ts` defines it
 * for both sides): socket.io typings as the agent sees them.
 */
import type { NodeReply, NodeToServerEvents } from "@wippy/shared";

export type AgentEmitEvents = NodeToServerEvents;

export interface AgentListenEvents {
  command: (envelope: unknown, ack: (reply: NodeReply) => void) => void;
}
