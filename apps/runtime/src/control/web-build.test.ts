/**
 * When `wippy start` rebuilds the control plane's pages: no build → missing; a build made by
 * hand (no stamp) → fresh if newer than every input, then stamped; any change to a bundled
 * input → stale; changes to what the bundle never contains (the custom server, tests, the
 * generated Monaco copy) → still fresh.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildState } from "./web-build";

function fakeRepo(): { web: string; write(rel: string, text: string): void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "wippy-web-build-"));
  const write = (rel: string, text: string) => {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };
  write("package-lock.json", "{}");
  write("packages/shared/src/index.ts", "export {};");
  write("apps/web/package.json", "{}");
  write("apps/web/src/app/page.tsx", "export default function Page() { return null; }");
  write("apps/web/server/main.ts", "// server");
  return { web: path.join(root, "apps/web"), write };
}

function build(web: string): void {
  fs.mkdirSync(path.join(web, ".next"), { recursive: true });
  fs.writeFileSync(path.join(web, ".next/BUILD_ID"), "abc");
  const later = new Date(Date.now() + 60_000);
  fs.utimesSync(path.join(web, ".next/BUILD_ID"), later, later);
}

describe("buildState (is the control plane's production build current?)", () => {
  it("is missing without a build, and fresh for a newer hand-made build, which it stamps", () => {
    const repo = fakeRepo();
    expect(buildState(repo.web)).toBe("missing");
    build(repo.web);
    expect(buildState(repo.web)).toBe("fresh");
    expect(fs.existsSync(path.join(repo.web, ".next/wippy-build-stamp"))).toBe(true);
  });

  it("is stale once a bundled input changes: the UI, packages/shared, dependencies", () => {
    for (const [rel, text] of [
      ["apps/web/src/app/page.tsx", "export default function Page() { return 1; }"],
      ["packages/shared/src/index.ts", "export const x = 1;"],
      ["package-lock.json", '{"v":2}'],
      ["apps/web/src/app/new/page.tsx", "export {};"],
    ]) {
      const repo = fakeRepo();
      build(repo.web);
      expect(buildState(repo.web)).toBe("fresh");
      repo.write(rel!, text!);
      expect(buildState(repo.web), rel).toBe("stale");
    }
  });

  it("stays fresh when only what the bundle never holds changes", () => {
    const repo = fakeRepo();
    build(repo.web);
    expect(buildState(repo.web)).toBe("fresh");
    repo.write("apps/web/server/main.ts", "// changed server");
    repo.write("apps/web/server/x.test.ts", "// a test");
    repo.write("apps/web/public/monaco/vs/loader.js", "// generated");
    repo.write("apps/web/next-env.d.ts", "// generated");
    expect(buildState(repo.web)).toBe("fresh");
  });
});
