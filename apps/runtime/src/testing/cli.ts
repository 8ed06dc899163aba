/**
 * Test support: run the real `wippy` binary as a child process, and write small application
 * folders to temp directories.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
export const BIN = path.join(ROOT, "apps/runtime/bin/wippy.js");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON when it is JSON (commands run with --json). */
  json: Record<string, unknown> & { ok?: boolean };
}

export function cliEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, WIPPY_AUTHOR: "tester", NO_COLOR: "1" };
  delete env.DATABASE_URL;
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export function runWippy(args: string[], env: NodeJS.ProcessEnv, cwd = ROOT): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      let json = {};
      try {
        json = JSON.parse(stdout) as Record<string, unknown>;
      } catch {
        // Not a --json run: callers read stdout as text.
      }
      resolve({ code, stdout, stderr, json });
    });
  });
}

/** Writes `files` (relative path → content) into a fresh temp folder and returns its path. */
export function writeApp(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wippy-app-"));
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

export const GOOD_APP: Record<string, string> = {
  "_index.yaml": `version: "1.0"
namespace: demo
entries:
  - name: cfg
    kind: registry.entry
    value: 1
  - name: hello
    kind: function.lua
    source: file://hello.lua
    method: handler
  - name: host
    kind: process.host
    host:
      workers: 2
`,
  "hello.lua": `local function handler(name: string?): string
  return "hi " .. (name or "there")
end
return { handler = handler }
`,
  "sub/_index.yaml": `namespace: demo.sub
entries:
  - name: thing
    kind: registry.entry
    meta:
      type: test
    list: [1, 2, 3]
`,
};

/** A long-running `wippy` child (dev, start) whose stdout is read line by line. */
export class WippyChild {
  readonly lines: string[] = [];
  stderr = "";
  readonly exited: Promise<number | null>;
  private readonly child;

  constructor(args: string[], env: NodeJS.ProcessEnv, cwd = ROOT) {
    this.child = spawn(process.execPath, [BIN, ...args], { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
    let partial = "";
    this.child.stdout.on("data", (d: Buffer) => {
      partial += d.toString();
      const parts = partial.split("\n");
      partial = parts.pop() ?? "";
      this.lines.push(...parts);
    });
    this.child.stderr.on("data", (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => this.child.on("close", (code) => resolve(code)));
  }

  /** JSON lines parsed (NDJSON output of --json). */
  events(): Record<string, unknown>[] {
    return this.lines.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  async waitFor<T>(find: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\nstdout:\n${this.lines.join("\n")}\nstderr:\n${this.stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  signal(sig: NodeJS.Signals): void {
    this.child.kill(sig);
  }

  /** The OS process id (a node's id is `<hostname>:<pid>`). */
  get pid(): number {
    if (this.child.pid === undefined) throw new Error("the wippy child did not start");
    return this.child.pid;
  }
}

/** Test entries (`function.lua` with `meta.type: test`) declared in an app folder's YAML files. */
export function countTests(dir: string): number {
  let count = 0;
  for (const name of fs.readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    if (!/\.ya?ml$/.test(name)) continue;
    const doc = parse(fs.readFileSync(path.join(dir, name), "utf8")) as { entries?: { kind?: string; meta?: { type?: string } }[] } | null;
    count += (doc?.entries ?? []).filter((e) => e.kind === "function.lua" && e.meta?.type === "test").length;
  }
  return count;
}
