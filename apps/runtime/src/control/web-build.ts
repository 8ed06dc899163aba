/**
 * The control plane's production build (apps/web/.next) for `wippy start`: is it there and does
 * it match the sources, and if not, `next build`.
 *
 * Staleness: a build made here records a hash of every input of the page bundle in
 * `.next/wippy-build-stamp`; a different hash means stale. Inputs are apps/web except what the
 * bundle never contains (the custom server — tsx runs it from source —, tests, generated Monaco
 * assets, `.next`, node_modules), plus packages/shared/src (bundled through
 * `transpilePackages`) and package-lock.json (dependency versions). Content, not mtimes: a
 * `git checkout` or a fresh clone sets every mtime, and hashing these few hundred files takes
 * milliseconds. A build without a stamp (`npm run build -w @wippy/web` by hand) counts as fresh
 * when its BUILD_ID is newer than every input, and is stamped then.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
export const WEB_DIR = path.join(REPO_ROOT, "apps/web");
const STAMP_FILE = "wippy-build-stamp";

/** Paths under apps/web that are not part of the page bundle. */
const NOT_BUNDLED = /^((node_modules|\.next|server|public\/monaco)(\/|$)|(next-env\.d\.ts|vitest\.config\.ts|\.gitignore|eslint\.config\.js)$|.*\.test\.tsx?$)/;

export type BuildState = "fresh" | "stale" | "missing";

function filesUnder(dir: string, keep: (rel: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  const names = fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((rel) => keep(rel.split(path.sep).join("/")));
  return names.map((rel) => path.join(dir, rel)).filter((file) => fs.statSync(file).isFile());
}

function buildInputs(webDir: string): string[] {
  const root = path.resolve(webDir, "../..");
  return [
    ...filesUnder(webDir, (rel) => !NOT_BUNDLED.test(rel)),
    ...filesUnder(path.join(root, "packages/shared/src"), (rel) => !/\.test\.ts$/.test(rel)),
    path.join(root, "package-lock.json"),
  ]
    .filter((file) => fs.existsSync(file))
    .sort();
}

export function sourceHash(webDir = WEB_DIR): string {
  const hash = createHash("sha256");
  for (const file of buildInputs(webDir)) {
    hash.update(path.relative(webDir, file)).update("\0").update(fs.readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

export function buildState(webDir = WEB_DIR): BuildState {
  const buildId = path.join(webDir, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return "missing";
  const stampFile = path.join(webDir, ".next", STAMP_FILE);
  const hash = sourceHash(webDir);
  if (fs.existsSync(stampFile)) return fs.readFileSync(stampFile, "utf8").trim() === hash ? "fresh" : "stale";
  const builtAt = fs.statSync(buildId).mtimeMs;
  if (buildInputs(webDir).some((file) => fs.statSync(file).mtimeMs > builtAt)) return "stale";
  fs.writeFileSync(stampFile, `${hash}\n`);
  return "fresh";
}

export class WebBuildError extends Error {}

/** `next build` in apps/web; on success the build is stamped with the hash of its inputs. */
export async function buildWeb(webDir: string, env: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<void> {
  const nextBin = createRequire(path.join(webDir, "package.json")).resolve("next/dist/bin/next");
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, "build"], {
      cwd: webDir,
      env: { ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
      signal,
    });
    const keep = (chunk: Buffer) => output.push(...chunk.toString().split("\n"));
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", (error) => reject(signal?.aborted ? new WebBuildError("the build was canceled") : new WebBuildError(`cannot run next build: ${error.message}`)));
    child.on("close", resolve);
  });
  if (signal?.aborted) throw new WebBuildError("the build was canceled");
  if (code !== 0) {
    const tail = output.filter((l) => l.trim()).slice(-30).join("\n");
    throw new WebBuildError(`next build failed (exit ${code}):\n${tail}`);
  }
  // Hashed after the build: `next build` may itself adjust tsconfig.json.
  fs.writeFileSync(path.join(webDir, ".next", STAMP_FILE), `${sourceHash(webDir)}\n`);
}
