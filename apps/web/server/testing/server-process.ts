/**
 * Test support: the control-plane server as a real process (server/main.ts through tsx), so a
 * test can kill it hard and start it again. Ready when it prints its "listening" line.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const SERVER_MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "main.ts");
const TSX = pathToFileURL(createRequire(SERVER_MAIN).resolve("tsx")).href;

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  /** Everything it wrote on stderr so far. */
  log(): string;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/** A port that was free a moment ago (for a server that must come back on the same port). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function spawnServer(opts: { databaseUrl?: string; port: number; args?: string[]; env?: Record<string, string> }): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(opts.port), WIPPY_LOG_LEVEL: "info", ...opts.env };
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  else delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--import", TSX, SERVER_MAIN, ...(opts.args ?? ["--no-ui"])], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  let stdout = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const kill = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (d: Buffer) => {
      stdout += d.toString();
      const url = /listening on (\S+)/.exec(stdout)?.[1];
      if (url) resolve({ url, child, exited, log: () => stderr, kill });
    });
    void exited.then((code) => reject(Object.assign(new Error(`server exited (${code}) before listening:\n${stderr}`), { code, stderr })));
  });
}
