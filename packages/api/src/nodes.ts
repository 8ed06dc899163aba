/**
 * The live runtime nodes as the API sees them. The control-plane server implements this over
 * socket.io (nodes dial in; with several servers the PostgreSQL adapter spans them); routers
 * only use this interface, so they are tested with a directory backed by a real node.
 *
 * The protocol's terms (`NodeInfo`, `NodeCommand`, `NodeReply`) are @wippy/shared's
 * (`control/node-wire.ts`). A command that no node acknowledges within `timeoutMs` gives
 * `{ok: false, kind: "Timeout"}`; an unknown or disconnected node gives `{ok: false, kind:
 * "NotFound"}`.
 */
import type { NodeCommand, NodeInfo, NodeReply } from "@wippy/shared";

export type { NodeCommand, NodeInfo, NodeReply };

export interface NodeDirectory {
  list(): Promise<NodeInfo[]>;
  /** `nodeId` undefined: any live node. */
  command(nodeId: string | undefined, command: NodeCommand, timeoutMs?: number): Promise<NodeReply>;
}

export const DEFAULT_COMMAND_TIMEOUT_MS = 10_000;
