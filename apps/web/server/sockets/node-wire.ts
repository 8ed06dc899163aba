/**
 * The server's side of the `/nodes` protocol (@wippy/shared `control/node-wire.ts` defines it
 * for both sides): socket.io typings and rooms.
 *
 * `NodeSocketData` is what every server in the cluster sees of a node socket (`fetchSockets`),
 * so it is plain JSON.
 */
import type { LiveTreeNode, NodeInfo, NodeToServerEvents, ServerToNodeEvents } from "@wippy/shared";

export type NodeListenEvents = NodeToServerEvents;
export type NodeEmitEvents = ServerToNodeEvents;

export interface NodeSocketData {
  node?: NodeInfo;
  /** The node's last supervision tree, for browsers that subscribe later (on any server). */
  tree?: { at: number; tree: LiveTreeNode };
}

/** Room of one node, and of every node that said hello. */
export const nodeRoom = (id: string): string => `node:${id}`;
export const HELLO_ROOM = "nodes";
