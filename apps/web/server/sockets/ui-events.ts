/**
 * The `/ui` namespace protocol — what browsers and the control plane say to each other over
 * socket.io. Types only (no runtime code), so the UI's typed socket module can import them.
 *
 * Connecting needs a Better Auth session cookie (the handshake's headers); no session → the
 * connection is refused with `connect_error` "unauthorized". Every event re-reads the session
 * and checks the role on the server; a refused event acks `{ ok: false, kind }` with
 * `Unauthorized` (the session is gone) or `PermissionDenied` (the role is too low).
 *
 * Browser → server (each with an ack; payloads are validated on the server whatever their type says):
 * - `nodes:subscribe` (viewer): join room `nodes`; acks the current node list.
 * - `nodes:unsubscribe` (viewer): leave it.
 * - `nodes:list` (viewer): the node list.
 * - `nodes:command` (operator): `{ nodeId?, command, timeoutMs? }` → the node's `NodeReply`;
 *   only the commands that act (`ACTION_COMMANDS`), audited.
 * - `supervision:subscribe` (viewer): join room `supervision`; acks every node's current tree.
 * - `processes:subscribe` (viewer): join room `processes` — the nodes start streaming process
 *   deltas (tRPC `processes.snapshot` gives the table they apply to).
 * - `logs:subscribe` (viewer): join room `logs` — the nodes start streaming log lines (tRPC
 *   `processes.logs` gives the recent ones).
 * - `…:unsubscribe` for each: leave the room.
 * Server → browser:
 * - room `nodes`: `node:joined` (NodeInfo), `node:heartbeat` (NodeInfo), `node:left` ({ id })
 *   — joined and left also to rooms `supervision` and `processes`, which keep state per node;
 * - room `supervision`: `tree:update` (a node's whole tree, after every change);
 * - room `processes`: `processes:delta` (a node's numbered delta);
 * - room `logs`: `logs:lines` (a node's new lines).
 * Presence, save notices, comments and the feed: presence-events.ts.
 */
import type { LiveTreeNode, LogLine, NodeCommand, NodeInfo, NodeReply, ProcessDelta } from "@wippy/shared";
import type { PresenceEmitEvents, PresenceListenEvents } from "./presence-events";

export type UiRefusal = { readonly ok: false; readonly kind: "Unauthorized" | "PermissionDenied" | "Invalid" | "Unavailable"; readonly message: string };
export type UiResult<T> = ({ readonly ok: true } & T) | UiRefusal;

export interface UiCommandRequest {
  readonly nodeId?: string;
  readonly command: NodeCommand;
  readonly timeoutMs?: number;
}

export interface UiListenEvents extends PresenceListenEvents {
  "nodes:subscribe": (ack: (result: UiResult<{ nodes: NodeInfo[] }>) => void) => void;
  "nodes:unsubscribe": (ack: (result: UiResult<object>) => void) => void;
  "nodes:list": (ack: (result: UiResult<{ nodes: NodeInfo[] }>) => void) => void;
  "nodes:command": (request: UiCommandRequest, ack: (result: UiResult<{ reply: NodeReply }>) => void) => void;
  "supervision:subscribe": (ack: (result: UiResult<{ trees: TreeUpdate[] }>) => void) => void;
  "supervision:unsubscribe": (ack: (result: UiResult<object>) => void) => void;
  "processes:subscribe": (ack: (result: UiResult<object>) => void) => void;
  "processes:unsubscribe": (ack: (result: UiResult<object>) => void) => void;
  "logs:subscribe": (ack: (result: UiResult<object>) => void) => void;
  "logs:unsubscribe": (ack: (result: UiResult<object>) => void) => void;
}

/** One node's supervision tree as of `at`. */
export interface TreeUpdate {
  readonly nodeId: string;
  readonly at: number;
  readonly tree: LiveTreeNode;
}

export type ProcessDeltaUpdate = ProcessDelta & { readonly nodeId: string };

export interface LogLinesUpdate {
  readonly nodeId: string;
  readonly lines: LogLine[];
}

export interface UiEmitEvents extends PresenceEmitEvents {
  "node:joined": (node: NodeInfo) => void;
  "node:heartbeat": (node: NodeInfo) => void;
  "node:left": (node: { id: string }) => void;
  "tree:update": (update: TreeUpdate) => void;
  "processes:delta": (update: ProcessDeltaUpdate) => void;
  "logs:lines": (update: LogLinesUpdate) => void;
}

export interface UiSocketData {
  userId: string;
  email: string;
  /** The user's display name (presence shows it). */
  name: string;
  role: string;
}

/** Rooms of browsers that follow the node list, the supervision trees, processes, logs. */
export const NODES_UI_ROOM = "nodes";
export const SUPERVISION_UI_ROOM = "supervision";
export const PROCESSES_UI_ROOM = "processes";
export const LOGS_UI_ROOM = "logs";
