/**
 * Real runtime nodes for the failover figure: each a `wippy --json start --no-web <app>` child
 * process (the CLI as a user runs it, without the web control plane: only the node is under
 * test) on the scratch database, with a shared scratch WIPPY_HOME.
 *
 * Terms:
 * - `NodeProcess.start()`: spawns the node and resolves once it printed `{"event":"running"}`
 *   (app applied, registry loaded, workflow worker started); `kill()` is SIGKILL — the machine
 *   dying, nothing released; `stop()` is SIGTERM (a clean stop releases its leases).
 * - `ownerPrefix`: how the node's workflow leases name it — `<hostname>:<os pid>/…`
 *   (`RuntimeNode`'s default node id), so the bench finds the process behind a lease owner.
 *
 * In: the app folder, the database URL, a home folder. Out: live node processes.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { hostname } from "node:os";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../apps/runtime/bin/wippy.js", import.meta.url));
const KEEP_LINES = 20;
const STOP_GRACE_MS = 10_000;

export interface NodeEnv {
  readonly appDir: string;
  readonly databaseUrl: string;
  readonly home: string;
  readonly timeoutMs: number;
}

export class NodeProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private readonly recent: string[] = [];

  constructor(
    readonly name: string,
    private readonly env: NodeEnv,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get ownerPrefix(): string {
    return `${hostname()}:${this.pid ?? "?"}/`;
  }

  get alive(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): Promise<void> {
    const { appDir, databaseUrl, home, timeoutMs } = this.env;
    const child = spawn(process.execPath, [BIN, "--json", "start", "--no-web", appDir], {
      cwd: home,
      env: { ...process.env, DATABASE_URL: databaseUrl, WIPPY_HOME: home, WIPPY_AUTHOR: "bench", WIPPY_LOG_LEVEL: "warn", WIPPY_LOG_FORMAT: "json", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    child.stderr?.on("data", (d: Buffer) => this.keep(d.toString()));
    return new Promise((resolve, reject) => {
      let partial = "";
      const timer = setTimeout(() => fail(`did not report running within ${timeoutMs} ms`), timeoutMs);
      const fail = (why: string): void => {
        clearTimeout(timer);
        reject(new Error(`node ${this.name}: ${why}\n${this.recent.join("\n")}`));
      };
      child.once("exit", (code, signal) => fail(`exited (${signal ?? code}) before running`));
      child.stdout?.on("data", (d: Buffer) => {
        partial += d.toString();
        const lines = partial.split("\n");
        partial = lines.pop() ?? "";
        for (const line of lines) {
          this.keep(line);
          if (line.includes('"event":"running"')) {
            clearTimeout(timer);
            resolve();
          }
        }
      });
    });
  }

  /** SIGKILL: as if the machine died. Resolves once the process is gone. */
  async kill(): Promise<void> {
    this.child?.kill("SIGKILL");
    await this.exited;
  }

  /** SIGTERM (leases released), SIGKILL after a grace period. */
  async stop(): Promise<void> {
    if (!this.alive) return;
    this.child?.kill("SIGTERM");
    const timer = setTimeout(() => this.child?.kill("SIGKILL"), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }

  /** The node's last output lines (for a failure message). */
  tail(): string {
    return this.recent.join("\n");
  }

  private keep(text: string): void {
    for (const line of text.split("\n")) if (line.trim() !== "") this.recent.push(line);
    this.recent.splice(0, Math.max(0, this.recent.length - KEEP_LINES));
  }
}
