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
 * - `nodes:command` (operator): `{ nodeId?, command, timeoutMs? }` → the node's `NodeReply`.
 * Server → browser (room `nodes`):
 * - `node:joined` (NodeInfo), `node:heartbeat` (NodeInfo), `node:left` ({ id }).
 */
import type { NodeCommand, NodeInfo, NodeReply } from "@wippy/api";

export type UiRefusal = { readonly ok: false; readonly kind: "Unauthorized" | "PermissionDenied" | "Invalid" | "Unavailable"; readonly message: string };
export type UiResult<T> = ({ readonly ok: true } & T) | UiRefusal;

export interface UiCommandRequest {
  readonly nodeId?: string;
  readonly command: NodeCommand;
  readonly timeoutMs?: number;
}

export interface UiListenEvents {
  "nodes:subscribe": (ack: (result: UiResult<{ nodes: NodeInfo[] }>) => void) => void;
  "nodes:unsubscribe": (ack: (result: UiResult<object>) => void) => void;
  "nodes:list": (ack: (result: UiResult<{ nodes: NodeInfo[] }>) => void) => void;
  "nodes:command": (request: UiCommandRequest, ack: (result: UiResult<{ reply: NodeReply }>) => void) => void;
}

export interface UiEmitEvents {
  "node:joined": (node: NodeInfo) => void;
  "node:heartbeat": (node: NodeInfo) => void;
  "node:left": (node: { id: string }) => void;
}

export interface UiSocketData {
  userId: string;
  email: string;
  role: string;
}

/** Room of browsers that follow the node list. */
export const NODES_UI_ROOM = "nodes";
