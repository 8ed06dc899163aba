/**
 * Starting a runtime node from the CLI: the session's registry, the node's log on stderr,
 * (for `wippy run -x`) a terminal wired to this process's stdin/stdout, and (for
 * `wippy start`) the agent that reports to the control plane and answers its commands.
 */
import { hostname } from "node:os";
import readline from "node:readline";
import { Channel, UNBOUNDED } from "@wippy/runtime/kernel";
import type { TerminalIo } from "@wippy/runtime/lua";
import { ChangeRequestStore, NodeLiveness, PgWorkflowStore } from "@wippy/db";
import { RuntimeNode } from "@wippy/runtime/node";
import { startControlAgent, type ControlAgent } from "./control/agent";
import { LogBuffer } from "./control/log-buffer";
import { environmentLookup, type Env } from "./env";
import { createLogger } from "./log";
import { serveControl } from "./control-socket";
import { resolveHome, type Session } from "./session";

export interface StdioTerminal extends TerminalIo {
  close(): void;
}

export function stdioTerminal(args: readonly string[]): StdioTerminal {
  const lines = new Channel<string>(UNBOUNDED);
  const reader = readline.createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  reader.on("line", (line) => lines.trySend(line));
  reader.on("close", () => lines.close());
  return {
    args,
    lines,
    write: (text) => void process.stdout.write(text),
    close: () => reader.close(),
  };
}

export interface StartedNode {
  node: RuntimeNode;
  /**
   * Starts the agent that reports this node to the control plane and takes its commands
   * (`wippy start`, once its own control plane is up); the same agent on later calls.
   */
  connectControlPlane(): ControlAgent;
  /** Stops the agent, the node's services, and closes its control socket. */
  stop(): Promise<void>;
}

/** Starts a node and serves its control socket (for `wippy ps`) until stopped. */
export async function startNode(session: Session, env: Env, terminal?: TerminalIo): Promise<StartedNode> {
  // What the node logs is also kept for the control plane's live log view.
  const logs = new LogBuffer();
  const logger = createLogger(env, { tap: (line) => logs.pushText(line) });
  // One identity for workflow leases and the control plane: `<host>:<os pid>`.
  const nodeId = `${hostname()}:${process.pid}`;
  // Held for the node's life: when this process dies, its workflow runs move on at once.
  const liveness = await NodeLiveness.hold(session.url, {
    name: `wippy-liveness:${nodeId}`,
    onProblem: (message, error) => logger.warn({ err: error }, message),
  });
  const started = RuntimeNode.start({
    store: session.store,
    url: session.url,
    logger,
    terminal,
    workflowStore: new PgWorkflowStore(session.sql, { liveness }),
    changeRequests: new ChangeRequestStore(session.sql),
    environment: environmentLookup(),
    nodeId,
  });
  const node = await started.catch(async (error: unknown) => {
    await liveness.close();
    throw error;
  });
  const control = serveControl(node, resolveHome(env));
  let agent: ControlAgent | undefined;
  return {
    node,
    connectControlPlane: () =>
      (agent ??= startControlAgent({
        node,
        logs,
        sql: session.sql,
        log: logger,
        identity: { id: nodeId, address: nodeId, startedAt: Date.now() },
        controlUrl: env.WIPPY_CONTROL_URL,
        token: env.WIPPY_NODE_TOKEN,
      })),
    stop: async () => {
      await agent?.stop();
      await control.close();
      await node.stop();
      await liveness.close(); // after the workers: until then, its runs are its own
    },
  };
}
