/**
 * The action table and the documentation agree: every action the runtime knows is documented
 * in docs/security.md, with its resource.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SECURITY_ACTIONS } from "./actions";

const DOC = readFileSync(fileURLToPath(new URL("../../../../docs/security.md", import.meta.url)), "utf8");

describe("SECURITY_ACTIONS", () => {
  it.each(Object.keys(SECURITY_ACTIONS))("%s is documented in docs/security.md", (action) => {
    expect(DOC).toContain(`\`${action}\``);
  });

  it("every action is enforced, registry.propose (change requests) included", () => {
    expect(SECURITY_ACTIONS["registry.propose"].enforced).toBe(true);
    expect(Object.entries(SECURITY_ACTIONS).filter(([, spec]) => !spec.enforced).map(([name]) => name)).toEqual([]);
  });
});
