/** Every folder under examples/ is a valid Wippy application (YAML, references, Lua syntax). */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadFolder } from "./sync";
import { ROOT } from "./testing/cli";

const examples = fs
  .readdirSync(path.join(ROOT, "examples"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

describe("examples", () => {
  it("exist", () => {
    expect(examples).toEqual(expect.arrayContaining(["hello", "ping-pong", "worker-pool", "supervisor-manual", "mass-spawn", "supervision-tree", "order-workflow"]));
  });

  it.each(examples)("%s loads without errors or warnings", async (name) => {
    const loaded = await loadFolder(path.join(ROOT, "examples", name));
    expect(loaded.warnings).toEqual([]);
    expect(loaded.entries.length).toBeGreaterThan(0);
  });
});
