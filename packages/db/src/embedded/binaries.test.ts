import { spawnSync } from "node:child_process";
import { chmod, cp, lstat, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { locateInstalledBinaries, reachableBinaries } from "./binaries";
import { findBlockingPath, R, X, type RunAs } from "./run-as";

const nobody: RunAs = { user: "nobody", uid: 65534, gid: 65534 };
const cleanup: string[] = [];
afterEach(async () => {
  for (const p of cleanup.splice(0)) await rm(p, { recursive: true, force: true });
});

describe("reachableBinaries", () => {
  it("reachable: returns the installed binaries untouched", async () => {
    const installed = await locateInstalledBinaries();
    const lines: string[] = [];
    expect(await reachableBinaries(installed, undefined, (l) => lines.push(l))).toEqual(installed);
    expect(lines).toEqual([]);
  });

  it("unreachable: copies the native folder (symlinks kept) to a cache the user can reach, once", { timeout: 60_000 }, async () => {
    const installed = await locateInstalledBinaries();
    const nativeDir = path.dirname(path.dirname(installed.postgres));
    const privateDir = await mkdtemp(path.join(tmpdir(), "wippy-private-")); // 0700: like CI's mktemp -d
    const cacheRoot = await mkdtemp(path.join("/var/tmp", "wippy-bincache-"));
    cleanup.push(privateDir, cacheRoot);
    await chmod(cacheRoot, 0o755);
    const pkgCopy = path.join(privateDir, "pkg");
    await cp(nativeDir, path.join(pkgCopy, "native"), { recursive: true, verbatimSymlinks: true });
    await cp(path.join(nativeDir, "..", "package.json"), path.join(pkgCopy, "package.json"));
    const hidden = { initdb: path.join(pkgCopy, "native/bin/initdb"), postgres: path.join(pkgCopy, "native/bin/postgres") };
    expect(findBlockingPath(hidden.postgres, nobody, R | X)).toBe(privateDir);

    const lines: string[] = [];
    const bins = await reachableBinaries(hidden, nobody, (l) => lines.push(l), cacheRoot);
    expect(bins.postgres.startsWith(cacheRoot)).toBe(true);
    expect(findBlockingPath(bins.postgres, nobody, R | X)).toBeUndefined();
    expect(findBlockingPath(bins.initdb, nobody, R | X)).toBeUndefined();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/not reachable for the OS user 'nobody'.*copying/);
    const libDir = path.join(path.dirname(path.dirname(bins.postgres)), "lib");
    expect((await lstat(path.join(libDir, "libpq.so"))).isSymbolicLink()).toBe(true);
    if (process.getuid?.() === 0) {
      const run = spawnSync(bins.postgres, ["--version"], { uid: nobody.uid, gid: nobody.gid, encoding: "utf8" });
      expect(run.stdout).toMatch(/PostgreSQL/);
    }

    expect(await reachableBinaries(hidden, nobody, (l) => lines.push(l), cacheRoot)).toEqual(bins);
    expect(lines).toHaveLength(1);
  });
});
