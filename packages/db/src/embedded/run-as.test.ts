import { chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findBlockingPath, R, W, X, type RunAs } from "./run-as";

const nobody: RunAs = { user: "nobody", uid: 65534, gid: 65534 };
let root: string | undefined;
afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe("findBlockingPath", () => {
  it("names the first ancestor without search permission for others", async () => {
    root = await mkdtemp(path.join(tmpdir(), "wippy-reach-"));
    const deep = path.join(root, "a", "b");
    await mkdir(deep, { recursive: true });
    await chmod(root, 0o755);
    await chmod(path.join(root, "a"), 0o700);
    await chmod(deep, 0o755);
    expect(findBlockingPath(deep, nobody, X)).toBe(path.join(root, "a"));
    await chmod(path.join(root, "a"), 0o711);
    expect(findBlockingPath(deep, nobody, X)).toBeUndefined();
    expect(findBlockingPath(deep, nobody, R | W | X)).toBe(deep);
  });

  it("when we run PostgreSQL as ourselves nothing blocks", () => {
    expect(findBlockingPath(tmpdir(), undefined, R | W | X)).toBeUndefined();
  });
});
