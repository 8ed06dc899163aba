/**
 * The control-plane server as a child of `wippy start`: apps/web/server/main.ts run through
 * tsx, on the session's database, with an IPC channel so that it stops by itself if this
 * process dies without stopping it.
 *
 * Ready when the child prints `Wippy control plane listening on <url>` on stdout; its log
 * (stderr) is passed through to ours. A child that exits first is a `WebProcessError` carrying
 * its last lines (e.g. the port is taken).
 *
 * In: `WebProcessOptions`. Out: `WebProcess` — its URL, its exit, and `stop()` (SIGTERM, then
 * SIGKILL after `STOP_GRACE_MS`).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { WEB_DIR } from "./web-build";

const LISTENING = /^Wippy control plane listening on (\S+)/;
/** How long the server gets to close sockets and database connections before it is killed. */
export const STOP_GRACE_MS = 10_000;

export interface WebProcessOptions {
  readonly env: NodeJS.ProcessEnv;
  /** Serve pages (`production`) or API and sockets only (`none`: `--no-web-ui`). */
  readonly ui: "production" | "none";
  readonly webDir?: string;
  /** Aborting it stops the server (SIGTERM), also while it is still starting. */
  readonly signal?: AbortSignal;
}

export interface WebProcess {
  readonly url: string;
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

export class WebProcessError extends Error {}

export function startWebProcess(opts: WebProcessOptions): Promise<WebProcess> {
  const webDir = opts.webDir ?? WEB_DIR;
  const args = ["--import", import.meta.resolve("tsx"), path.join(webDir, "server/main.ts"), ...(opts.ui === "none" ? ["--no-ui"] : [])];
  const child = spawn(process.execPath, args, { cwd: webDir, env: opts.env, stdio: ["ignore", "pipe", "pipe", "ipc"] });
  const { stdout, stderr } = child;
  // Both are pipes (stdio above); the types cannot know.
  if (!stdout || !stderr) throw new WebProcessError("the control plane's output pipes are missing");
  const recent: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  stderr.on("data", (chunk: Buffer) => {
    process.stderr.write(chunk);
    recent.push(...chunk.toString().split("\n").filter(Boolean));
    recent.splice(0, Math.max(0, recent.length - 20));
  });

  let stopping: Promise<void> | undefined;
  // Once: the server stops at the first SIGTERM; more signals would only be noise.
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
      await exited;
      clearTimeout(killer);
    })());
  const onAbort = () => void stop();
  if (opts.signal?.aborted) onAbort();
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  void exited.then(() => opts.signal?.removeEventListener("abort", onAbort));

  return new Promise((resolve, reject) => {
    let partial = "";
    stdout.on("data", (chunk: Buffer) => {
      partial += chunk.toString();
      const lines = partial.split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) {
        const url = LISTENING.exec(line)?.[1];
        if (url) resolve({ url, exited, stop });
        else process.stderr.write(`${line}\n`); // keep our stdout for our own output
      }
    });
    child.on("error", (error) => reject(new WebProcessError(`cannot start the control plane: ${error.message}`)));
    void exited.then((code) =>
      reject(new WebProcessError(opts.signal?.aborted ? "stopped while starting" : `the control plane exited (code ${code}) before it was ready${recent.length ? `:\n${recent.join("\n")}` : ""}`)),
    );
  });
}
