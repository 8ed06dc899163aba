/**
 * Starting a runtime node from the CLI: the session's registry, the node's log on stderr,
 * and (for `wippy run -x`) a terminal wired to this process's stdin/stdout.
 */
import readline from "node:readline";
import { Channel, UNBOUNDED } from "@wippy/runtime/kernel";
import type { TerminalIo } from "@wippy/runtime/lua";
import { PgWorkflowStore } from "@wippy/db";
import { RuntimeNode } from "@wippy/runtime/node";
import type { Env } from "./env";
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
  /** Stops the node's services and closes its control socket. */
  stop(): Promise<void>;
}

/** Starts a node and serves its control socket (for `wippy ps`) until stopped. */
export async function startNode(session: Session, env: Env, terminal?: TerminalIo): Promise<StartedNode> {
  const node = await RuntimeNode.start({
    store: session.store,
    url: session.url,
    logger: createLogger(env),
    terminal,
    workflowStore: new PgWorkflowStore(session.sql),
  });
  const control = serveControl(node, resolveHome(env));
  return {
    node,
    stop: async () => {
      await control.close();
      await node.stop();
    },
  };
}
