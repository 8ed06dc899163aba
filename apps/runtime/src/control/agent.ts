/**
 * The node's control-plane agent: it dials a control-plane server on `/nodes` (socket.io), says
 * hello, sends a heartbeat every 2 s, streams its live state while connected (telemetry.ts:
 * the supervision tree on every change; process deltas and log lines while watched), and
 * answers commands (commands.ts).
 *
 * It must never crash or block the node: it runs beside it, its failures are states, not
 * exceptions. One loop: discover (discover.ts) → connect → stay until the connection ends →
 * wait (backoff.ts) → again. Each new problem is logged once (repeats go to debug), and the
 * loop picks the server again every time, so a server that moved or restarted is found.
 *
 * Terms: `AgentState` — `looking` (no server or token yet, or waiting to retry), `connecting`,
 * `connected`, `stopped`.
 * In: the node, its log buffer, a database client, the node's identity, optional explicit URL/token.
 * Out: `ControlAgent` with its current state and `stop()` (disconnects, ends the loop).
 */
import { io, type Socket } from "socket.io-client";
import type { Sql } from "@wippy/db";
import type { NodeLogger } from "@wippy/runtime/node";
import { DEFAULT_AGENT_BACKOFF, retryDelay, type Backoff } from "./backoff";
import { runNodeCommand, type CommandTarget, type NodeControl } from "./commands";
import { discoverControlPlane } from "./discover";
import { LogBuffer } from "./log-buffer";
import { MessageTraces } from "./message-traces";
import { DEFAULT_TELEMETRY, TelemetryStreamer, type TelemetrySource, type TelemetryTiming } from "./telemetry";
import { commandEnvelopeSchema, INVALID_NODE_TOKEN, type NodeHello, type NodeReply, type NodeStatus } from "@wippy/shared";
import type { AgentEmitEvents, AgentListenEvents } from "./wire";

export const DEFAULT_HEARTBEAT_MS = 2_000;
/** How long a dial or a hello may take before the attempt counts as failed. */
const DIAL_TIMEOUT_MS = 5_000;

export type AgentState =
  | { readonly kind: "looking"; readonly problem: string }
  | { readonly kind: "connecting"; readonly url: string }
  | { readonly kind: "connected"; readonly url: string }
  | { readonly kind: "stopped" };

export interface NodeIdentity {
  readonly id: string;
  readonly address: string;
  readonly startedAt: number;
}

export interface ControlAgentOptions {
  readonly node: CommandTarget & TelemetrySource;
  /** The node's log (fed by its logger); a fresh, empty one when absent. */
  readonly logs?: LogBuffer;
  readonly sql: Sql;
  readonly log: NodeLogger;
  readonly identity: NodeIdentity;
  readonly controlUrl?: string;
  readonly token?: string;
  readonly heartbeatMs?: number;
  readonly backoff?: Backoff;
  readonly telemetry?: TelemetryTiming;
}

export interface ControlAgent {
  readonly state: AgentState;
  stop(): Promise<void>;
}

type AgentSocket = Socket<AgentListenEvents, AgentEmitEvents>;

export function startControlAgent(opts: ControlAgentOptions): ControlAgent {
  const { log } = opts;
  let state: AgentState = { kind: "looking", problem: "starting" };
  let stopped = false;
  let lastProblem = "";
  const stopping = new AbortController();
  const logs = opts.logs ?? new LogBuffer();
  const telemetry = new TelemetryStreamer(opts.node, logs, opts.telemetry ?? DEFAULT_TELEMETRY);
  const control: NodeControl = { node: opts.node, telemetry, traces: new MessageTraces(opts.node.kernel), logs };

  const status = (): NodeStatus => ({
    registryVersion: opts.node.view.version,
    processes: opts.node.processes().length,
    memory: process.memoryUsage().rss,
  });

  const report = (problem: string) => {
    if (problem === lastProblem) log.debug({ problem }, `control plane: ${problem}`);
    else log.info({ problem }, `control plane: ${problem}; retrying in the background`);
    lastProblem = problem;
    state = { kind: "looking", problem };
  };

  /** One connection, from dial to its end; resolves with why it ended (null: stopped). */
  const session = (url: string, token: string): Promise<{ connected: boolean; problem: string | null }> =>
    new Promise((resolve) => {
      state = { kind: "connecting", url };
      // Its own connection each time (forceNew): socket.io-client would otherwise share one per
      // origin between namespaces and keep a closed manager around for the next dial.
      const socket: AgentSocket = io(`${url}/nodes`, { forceNew: true, auth: { token }, transports: ["websocket"], reconnection: false, timeout: DIAL_TIMEOUT_MS });
      let connected = false;
      let ended = false;
      let heartbeat: NodeJS.Timeout | undefined;
      const finish = (problem: string | null) => {
        // Several events can end one connection (an error, then the disconnect it causes).
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        telemetry.detach();
        stopping.signal.removeEventListener("abort", onStop);
        socket.removeAllListeners();
        socket.disconnect();
        resolve({ connected, problem });
      };
      const onStop = () => finish(null);
      stopping.signal.addEventListener("abort", onStop);

      socket.on("connect", () => {
        const hello: NodeHello = { ...opts.identity, ...status() };
        socket
          .timeout(DIAL_TIMEOUT_MS)
          .emitWithAck("hello", hello)
          .then(
            (ack) => {
              if (ended) return;
              if (!ack.ok) return finish(`${url} refused this node's hello: ${ack.message}`);
              connected = true;
              state = { kind: "connected", url };
              lastProblem = "";
              log.info({ url }, `control plane: connected to ${url} as ${opts.identity.id}`);
              heartbeat = setInterval(() => socket.emit("heartbeat", status()), opts.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
              telemetry.attach({
                tree: (frame) => socket.emit("tree", frame),
                processes: (delta) => socket.emit("processes", delta),
                logs: (lines) => socket.emit("logs", lines),
              });
            },
            (error: Error) => finish(`${url} did not answer hello: ${error.message}`),
          );
      });
      socket.on("connect_error", (error) =>
        finish(error.message === INVALID_NODE_TOKEN ? `${url} refused the node token` : `cannot reach ${url}: ${error.message}`),
      );
      socket.on("disconnect", (reason) => {
        if (connected) log.warn({ url, reason }, `control plane: lost ${url} (${reason})`);
        finish(`lost ${url} (${reason})`);
      });
      socket.on("command", (raw, ack) => {
        if (typeof ack !== "function") return log.warn({}, "control plane: a command without an acknowledgement callback; ignored");
        answer(raw).then(ack, (error: unknown) => {
          // A bug in a command handler: the node keeps running, the caller learns why.
          log.error({ err: (error as Error).stack }, `control plane command failed: ${(error as Error).message}`);
          ack({ ok: false, kind: "Internal", message: (error as Error).message });
        });
      });
    });

  const answer = async (raw: unknown): Promise<NodeReply> => {
    const envelope = commandEnvelopeSchema.safeParse(raw);
    if (!envelope.success) return { ok: false, kind: "Invalid", message: `not a command this node understands: ${envelope.error.issues[0]?.message ?? ""}` };
    return runNodeCommand(control, envelope.data);
  };

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        stopping.signal.removeEventListener("abort", done);
        resolve();
      }
      stopping.signal.addEventListener("abort", done);
    });

  const loop = async () => {
    let attempt = 0;
    while (!stopped) {
      try {
        const target = await discoverControlPlane({ sql: opts.sql, controlUrl: opts.controlUrl, token: opts.token });
        if (stopped) break;
        if (!target.ok) {
          report(target.problem);
        } else {
          const ended = await session(target.url, target.token);
          if (ended.connected) attempt = 0;
          if (ended.problem === null) break;
          report(ended.problem);
        }
      } catch (error) {
        // Nothing above should throw; if it does, it is a bug — logged, and the loop goes on.
        log.error({ err: (error as Error).stack }, `control plane agent: ${(error as Error).message}`);
      }
      await pause(retryDelay(attempt++, opts.backoff ?? DEFAULT_AGENT_BACKOFF));
    }
  };

  const running = loop();
  return {
    get state() {
      return state;
    },
    stop: async () => {
      stopped = true;
      stopping.abort();
      await running;
      telemetry.stop();
      control.traces.clear();
      state = { kind: "stopped" };
    },
  };
}
