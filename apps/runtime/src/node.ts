/**
 * Starting a runtime node from the CLI: the session's registry, the node's log on stderr,
 * and (for `wippy run -x`) a terminal wired to this process's stdin/stdout.
 */
import readline from "node:readline";
import { Channel, UNBOUNDED } from "@wippy/runtime/kernel";
import type { TerminalIo } from "@wippy/runtime/lua";
import { RuntimeNode } from "@wippy/runtime/node";
import type { Env } from "./env";
import { createLogger } from "./log";
import type { Session } from "./session";

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

export async function startNode(session: Session, env: Env, terminal?: TerminalIo): Promise<RuntimeNode> {
  return RuntimeNode.start({ store: session.store, url: session.url, logger: createLogger(env), terminal });
}
