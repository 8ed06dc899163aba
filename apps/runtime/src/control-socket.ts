/**
 * The local control socket of a running node: `<home>/.wippy/nodes/<os pid>.sock`, one
 * newline-terminated JSON request per connection, one JSON answer. `wippy ps` uses it to read
 * the live supervision tree and process table of every node started from this folder.
 * (Nodes elsewhere are seen through the control plane, not through this socket.)
 *
 * Requests: `{"op":"ps"}` → `NodeReport`. A socket whose node died is removed by the next
 * reader that fails to connect to it.
 */
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { ProcessInfo } from "@wippy/runtime/kernel";
import type { RuntimeNode } from "@wippy/runtime/node";
import type { SupervisorNode } from "@wippy/runtime/supervision";

export interface NodeReport {
  node: number;
  version: number;
  startedAt: string;
  tree: SupervisorNode;
  processes: ProcessInfo[];
}

export function nodesDir(home: string): string {
  return path.join(home, ".wippy", "nodes");
}

export function serveControl(node: RuntimeNode, home: string): { close(): Promise<void> } {
  const dir = nodesDir(home);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${process.pid}.sock`);
  fs.rmSync(file, { force: true }); // a previous process with our pid left it behind
  const startedAt = new Date().toISOString();
  const server = net.createServer((socket) => {
    let buffer = "";
    socket.on("data", (chunk) => {
      buffer += chunk.toString();
      if (!buffer.includes("\n")) return;
      let answer: unknown;
      try {
        const request = JSON.parse(buffer.slice(0, buffer.indexOf("\n"))) as { op?: string };
        answer =
          request.op === "ps"
            ? ({ node: process.pid, version: node.view.version, startedAt, tree: node.tree(), processes: node.processes() } satisfies NodeReport)
            : { error: `unknown op ${String(request.op)}` };
      } catch (error) {
        answer = { error: `bad request: ${(error as Error).message}` };
      }
      socket.end(`${JSON.stringify(answer)}\n`);
    });
    socket.on("error", () => socket.destroy()); // a reader that went away: nothing to do
  });
  server.listen(file);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        fs.rmSync(file, { force: true });
      }),
  };
}

function ask(file: string, request: object, timeoutMs = 3000): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(file);
    let data = "";
    const timer = setTimeout(() => socket.destroy(new Error("timed out")), timeoutMs);
    socket.on("connect", () => socket.write(`${JSON.stringify(request)}\n`));
    socket.on("data", (chunk) => (data += chunk.toString()));
    socket.on("end", () => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(data));
      } catch (error) {
        reject(error as Error);
      }
    });
    socket.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Reports of every live node under `home`; stale sockets are removed. */
export async function queryNodes(home: string): Promise<NodeReport[]> {
  const dir = nodesDir(home);
  if (!fs.existsSync(dir)) return [];
  const reports: NodeReport[] = [];
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith(".sock")).sort()) {
    const file = path.join(dir, name);
    try {
      reports.push((await ask(file, { op: "ps" })) as NodeReport);
    } catch {
      fs.rmSync(file, { force: true }); // its node is gone
    }
  }
  return reports;
}
