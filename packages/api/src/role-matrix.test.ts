/**
 * Every procedure × signed out / viewer / operator / editor / approver / admin: a role below the
 * procedure's gets FORBIDDEN naming the required role, nobody signed in gets UNAUTHORIZED,
 * and every role at or above it gets through to the procedure's own answer. The table must
 * list every procedure.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testTargets } from "@wippy/db/testing";
import { appRouter } from "./root";
import { hasRole, ROLES, type Role } from "./roles";
import { createWorld, LUA_FUNCTION, type World } from "./test/world";

type Caller = ReturnType<World["as"]>;
type Gate = Role | "public";

let unique = 0;
const fresh = () => `u${++unique}-${Date.now()}`;

/**
 * procedure → [who may call it, what a permitted caller gets, a call]. The calls that are not
 * "OK" are meant to fail after the role check (a missing entry, a stale base, setup already
 * done), so permitted callers change nothing that the other cases depend on.
 */
const MATRIX: Record<string, [Gate, string, (c: Caller) => Promise<unknown>]> = {
  "session.me": ["public", "OK", (c) => c.session.me()],
  "setup.status": ["public", "OK", (c) => c.setup.status()],
  "setup.createAdmin": ["public", "FORBIDDEN", (c) => c.setup.createAdmin({ name: "x", email: `${fresh()}@example.com`, password: "long enough password" })],
  "registry.namespaces": ["viewer", "OK", (c) => c.registry.namespaces()],
  "registry.list": ["viewer", "OK", (c) => c.registry.list({})],
  "registry.get": ["viewer", "OK", (c) => c.registry.get({ id: "app:fn" })],
  "registry.kinds": ["viewer", "OK", (c) => c.registry.kinds()],
  "registry.references": ["viewer", "OK", (c) => c.registry.references({ id: "app:fn" })],
  "registry.checkLua": ["viewer", "OK", (c) => c.registry.checkLua({ source: LUA_FUNCTION })],
  "registry.parseYaml": ["viewer", "OK", (c) => c.registry.parseYaml({ text: "namespace: app\nentries:\n  - name: x\n    kind: registry.entry\n" })],
  "registry.save": ["editor", "NOT_FOUND", (c) => c.registry.save({ id: "app:missing", baseVersion: 0, entry: { kind: "registry.entry", meta: {}, data: {} } })],
  "registry.create": ["editor", "OK", (c) => c.registry.create({ entry: { id: `app:${fresh()}`, kind: "registry.entry", meta: {}, data: {} } })],
  "registry.rename": ["editor", "NOT_FOUND", (c) => c.registry.rename({ id: "app:missing", newId: "app:other" })],
  "registry.delete": ["editor", "NOT_FOUND", (c) => c.registry.delete({ id: "app:missing" })],
  "history.versions": ["viewer", "OK", (c) => c.history.versions({})],
  "history.version": ["viewer", "OK", (c) => c.history.version({ id: 1 })],
  "history.entry": ["viewer", "OK", (c) => c.history.entry({ id: "app:fn" })],
  "history.diff": ["viewer", "OK", (c) => c.history.diff({ from: 0, to: 1 })],
  "history.rollbackPreview": ["viewer", "OK", (c) => c.history.rollbackPreview({ to: 1 })],
  "history.rollback": ["editor", "CONFLICT", (c) => c.history.rollback({ to: 0, baseVersion: 0 })],
  "audit.list": ["editor", "OK", (c) => c.audit.list({})],
  "users.list": ["admin", "OK", (c) => c.users.list()],
  "users.create": ["admin", "OK", (c) => c.users.create({ name: "n", email: `${fresh()}@example.com`, password: "long enough password", role: "viewer" })],
  "users.setRole": ["admin", "NOT_FOUND", (c) => c.users.setRole({ id: "no-such-user", role: "editor" })],
  "users.remove": ["admin", "NOT_FOUND", (c) => c.users.remove({ id: "no-such-user" })],
  "nodes.list": ["viewer", "OK", (c) => c.nodes.list()],
  "functions.run": ["operator", "OK", (c) => c.functions.run({ id: "app:fn", args: ["x"] })],
  // The fake node answers `null`, which is no snapshot or process: the reads get that far.
  "processes.snapshot": ["viewer", "INTERNAL_SERVER_ERROR", (c) => c.processes.snapshot({ nodeId: "n1" })],
  "processes.inspect": ["viewer", "INTERNAL_SERVER_ERROR", (c) => c.processes.inspect({ nodeId: "n1", pid: "{app|0x1}" })],
  "processes.logs": ["viewer", "OK", (c) => c.processes.logs({})],
  "processes.send": ["operator", "OK", (c) => c.processes.send({ nodeId: "n1", dest: "{app|0x1}", topic: "ping" })],
  "processes.cancel": ["operator", "OK", (c) => c.processes.cancel({ nodeId: "n1", dest: "{app|0x1}" })],
  "processes.terminate": ["operator", "OK", (c) => c.processes.terminate({ nodeId: "n1", dest: "{app|0x1}" })],
  "processes.restartService": ["operator", "OK", (c) => c.processes.restartService({ nodeId: "n1", id: "app:svc" })],
  "workflows.list": ["viewer", "OK", (c) => c.workflows.list({})],
  "workflows.get": ["viewer", "NOT_FOUND", (c) => c.workflows.get({ id: "no-such-run" })],
  "workflows.start": ["operator", "NOT_FOUND", (c) => c.workflows.start({ workflow: "app:missing", args: [] })],
  "workflows.signal": ["operator", "NOT_FOUND", (c) => c.workflows.signal({ id: "no-such-run", topic: "go" })],
  "workflows.cancel": ["operator", "NOT_FOUND", (c) => c.workflows.cancel({ id: "no-such-run" })],
  "workflows.terminate": ["operator", "NOT_FOUND", (c) => c.workflows.terminate({ id: "no-such-run" })],
  "workflows.checkUpgrade": ["operator", "NOT_FOUND", (c) => c.workflows.checkUpgrade({ id: "no-such-run" })],
  "workflows.upgrade": ["operator", "NOT_FOUND", (c) => c.workflows.upgrade({ id: "no-such-run" })],
  "supervision.tree": ["viewer", "OK", (c) => c.supervision.tree()],
  "supervision.preview": ["viewer", "OK", (c) => c.supervision.preview({ baseVersion: 0, ops: [{ op: "create", entry: { id: "app:sup", kind: "process.supervisor", meta: {}, data: {} } }] })],
  "supervision.save": ["editor", "BAD_REQUEST", (c) => c.supervision.save({ baseVersion: 1_000_000, ops: [{ op: "delete", id: "app:missing" }] })],
  "comments.list": ["viewer", "OK", (c) => c.comments.list({ target: "entry:app:fn" })],
  "comments.add": ["operator", "OK", (c) => c.comments.add({ target: "entry:app:fn", body: "looks right" })],
  "comments.edit": ["operator", "NOT_FOUND", (c) => c.comments.edit({ id: 1_000_000, body: "no such comment" })],
  "comments.delete": ["operator", "NOT_FOUND", (c) => c.comments.delete({ id: 1_000_000 })],
  "feed.list": ["viewer", "OK", (c) => c.feed.list({})],
  "changes.list": ["viewer", "OK", (c) => c.changes.list({})],
  "changes.counts": ["viewer", "OK", (c) => c.changes.counts()],
  "changes.get": ["viewer", "NOT_FOUND", (c) => c.changes.get({ id: 1_000_000 })],
  "changes.replay": ["operator", "NOT_FOUND", (c) => c.changes.replay({ id: 1_000_000 })],
  "changes.propose": ["editor", "OK", (c) => c.changes.propose({ baseVersion: 0, ops: [{ op: "create", entry: { id: `app:${fresh()}`, kind: "registry.entry", meta: {}, data: {} } }] })],
  "changes.approve": ["approver", "NOT_FOUND", (c) => c.changes.approve({ id: 1_000_000, revision: 1 })],
  "changes.applyApproved": ["approver", "NOT_FOUND", (c) => c.changes.applyApproved({ id: 1_000_000 })],
  "changes.reject": ["editor", "NOT_FOUND", (c) => c.changes.reject({ id: 1_000_000 })],
  "changes.rebase": ["editor", "NOT_FOUND", (c) => c.changes.rebase({ id: 1_000_000, revision: 1, baseVersion: 0, ops: [{ op: "delete", id: "app:missing" }] })],
};

async function outcome(work: () => Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await work();
    return { code: "OK", message: "" };
  } catch (error) {
    const e = error as { code?: string; message: string };
    return { code: e.code ?? "THROWN", message: e.message };
  }
}

describe.each(testTargets())("role matrix on $name PostgreSQL", (target) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(target);
    await w.as("admin").registry.create({ entry: { id: "app:fn", kind: "function.lua", meta: {}, data: { source: LUA_FUNCTION, method: "handler" } } });
  });
  afterAll(() => w?.drop());

  it("lists every procedure of the router", () => {
    expect(Object.keys(MATRIX).sort()).toEqual(Object.keys(appRouter._def.procedures).sort());
  });

  const cases = Object.entries(MATRIX).flatMap(([name, [gate, permitted, call]]) =>
    [null, ...ROLES].map((role) => ({ name, gate, permitted, call, role, who: role ?? "signed out" })),
  );

  it.each(cases)("$name as $who", async ({ gate, permitted, call, role }) => {
    const result = await outcome(() => call(w.as(role)));
    if (gate === "public") {
      expect(result.code).toBe(permitted);
      expect(result.message).not.toMatch(/needs the \w+ role/);
    } else if (role === null) {
      expect(result.code).toBe("UNAUTHORIZED");
    } else if (!hasRole(role, gate)) {
      expect(result).toEqual({ code: "FORBIDDEN", message: expect.stringContaining(`needs the ${gate} role`) as string });
    } else {
      expect(result.code).toBe(permitted);
    }
  });
});
