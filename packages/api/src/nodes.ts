/**
 * The live runtime nodes as the API sees them. The control-plane server implements this over
 * socket.io (nodes dial in; with several servers the PostgreSQL adapter spans them); routers
 * only use this interface, so they are tested with a directory backed by a real node.
 *
 * Terms:
 * - `NodeInfo`: what a node last reported in its heartbeat.
 * - `NodeCommand`: what the control plane asks of a node; `NodeReply` is its acknowledgement.
 *   A command that no node acknowledges within `timeoutMs` gives `{ok: false, kind: "Timeout"}`;
 *   an unknown or disconnected node gives `{ok: false, kind: "NotFound"}`.
 */
import type { JsonValue } from "@wippy/shared";

export interface NodeInfo {
  readonly id: string;
  /** host:pid or what the node calls itself, for people. */
  readonly address: string;
  readonly registryVersion: number;
  readonly processes: number;
  /** Resident memory in bytes. */
  readonly memory: number;
  readonly startedAt: number;
  readonly heartbeatAt: number;
}

export type NodeCommand =
  /** Call a `function.lua` with JSON arguments; the reply's `value` is its result. */
  { readonly type: "function.call"; readonly id: string; readonly args: readonly JsonValue[] };

export type NodeReply =
  | { readonly ok: true; readonly value: JsonValue }
  | { readonly ok: false; readonly kind: string; readonly message: string; readonly traceback?: string };

export interface NodeDirectory {
  list(): Promise<NodeInfo[]>;
  /** `nodeId` undefined: any live node. */
  command(nodeId: string | undefined, command: NodeCommand, timeoutMs?: number): Promise<NodeReply>;
}

export const DEFAULT_COMMAND_TIMEOUT_MS = 10_000;
