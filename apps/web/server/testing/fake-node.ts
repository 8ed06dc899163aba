/**
 * Test support: a runtime node's side of `/nodes` over a real socket.io-client connection,
 * scripted by the test (the real node agent is tested in apps/runtime/src/control/). It
 * answers commands with `onCommand`, or never (to provoke a timeout).
 */
import { io, type Socket } from "socket.io-client";

export interface FakeNodeOptions {
  readonly token: string;
  readonly id: string;
  readonly registryVersion?: number;
  /** Reply to a command; undefined: never acknowledge. */
  readonly onCommand?: (envelope: { command: { type: string; id: string; args: unknown[] }; timeoutMs: number }) => unknown;
  /** Connect without saying hello. */
  readonly silent?: boolean;
}

export interface FakeNode {
  readonly socket: Socket;
  heartbeat(status: { registryVersion: number; processes: number; memory: number }): void;
  close(): void;
}

export function dialNode(url: string, opts: FakeNodeOptions): Promise<FakeNode> {
  const socket = io(`${url}/nodes`, { forceNew: true, auth: { token: opts.token }, transports: ["websocket"], reconnection: false });
  socket.on("command", (envelope: Parameters<NonNullable<FakeNodeOptions["onCommand"]>>[0], ack: (reply: unknown) => void) => {
    if (opts.onCommand) ack(opts.onCommand(envelope));
  });
  const node: FakeNode = {
    socket,
    heartbeat: (status) => void socket.emit("heartbeat", status),
    close: () => void socket.disconnect(),
  };
  return new Promise((resolve, reject) => {
    socket.once("connect_error", (error) => {
      socket.disconnect();
      reject(error);
    });
    socket.once("connect", () => {
      if (opts.silent) return resolve(node);
      const hello = { id: opts.id, address: `${opts.id}-address`, startedAt: Date.now(), registryVersion: opts.registryVersion ?? 1, processes: 3, memory: 1_000_000 };
      socket
        .timeout(5_000)
        .emitWithAck("hello", hello)
        .then((ack: { ok: boolean; message?: string }) => (ack.ok ? resolve(node) : reject(new Error(`hello refused: ${ack.message}`))), reject);
    });
  });
}
