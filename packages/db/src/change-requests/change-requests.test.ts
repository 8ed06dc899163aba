/**
 * The change-request store's contract on every PostgreSQL the suite knows (embedded and
 * external): proposing (checked at the base version), approving (one version, exactly once),
 * the refusals (own request, agents, twice, decided, rebased since), stale detection, rebase,
 * rejection, audit rows naming who did it, and NOTIFY — plus the races that matter: two
 * approvals at once, an approval against a registry write in flight.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChangeOp, ChangeRequestAuthor, ChangeRequestNotice, Entry } from "@wippy/shared";
import { listAudit, type AuditActor } from "../audit";
import { listen } from "../listen";
import { commitInTransaction, RegistryStore } from "../registry";
import { createTestDatabase, testTargets, type TestDatabase } from "../testing";
import { CHANGE_REQUESTS_CHANNEL, ChangeRequestStore } from ".";

const fn = (id: string, source: string): Entry => ({ id, kind: "function.lua", meta: {}, data: { source, method: "handler" } });
const cfg = (id: string, v: number): Entry => ({ id, kind: "registry.entry", meta: {}, data: { v } });

const agent: ChangeRequestAuthor = { kind: "actor", id: "bot:writer", name: "bot:writer ({app|0x00012}, agents:writer)", pid: "{app|0x00012}", entry: "agents:writer" };
const eve: AuditActor = { kind: "user", id: "u-eve", name: "eve@example.com" };
const ann: AuditActor = { kind: "user", id: "u-ann", name: "ann@example.com" };
const ed: AuditActor = { kind: "user", id: "u-ed", name: "ed@example.com" };

describe.each(testTargets())("change requests on $name PostgreSQL", (target) => {
  let t: TestDatabase;
  let registry: RegistryStore;
  let store: ChangeRequestStore;
  let n = 0;

  beforeAll(async () => {
    t = await createTestDatabase(target);
    registry = new RegistryStore(t.sql);
    store = new ChangeRequestStore(t.sql);
  });
  afterAll(() => t?.drop());

  /** A fresh namespace per test, so tests do not see each other's entries. */
  const ns = () => `t${++n}`;

  async function write(ops: ChangeOp[]): Promise<number> {
    const r = await registry.apply(ops, { author: "test", source: "api" });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.version.id;
  }

  async function propose(ops: ChangeOp[], opts: { author?: ChangeRequestAuthor; approvals?: number; base?: number; message?: string } = {}) {
    const r = await store.propose({
      author: opts.author ?? agent,
      source: opts.author?.kind === "user" ? "ui" : "agent",
      baseVersion: opts.base ?? (await registry.currentVersion()),
      ops,
      message: opts.message ?? "a change",
      approvalsRequired: opts.approvals ?? 1,
      rules: ["app:review"],
    });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  }

  it("proposes: the operations are stored, not applied; the diff is against the base; the audit row names the process", async () => {
    const s = ns();
    await write([{ op: "create", entry: cfg(`${s}:a`, 1) }]);
    const head = await registry.currentVersion();
    const cr = await propose([{ op: "update", entry: cfg(`${s}:a`, 2) }, { op: "create", entry: fn(`${s}:double`, "return function(x) return x * 2 end") }], { message: "double it" });
    expect(cr).toMatchObject({ status: "open", baseVersion: head, revision: 1, approvals: 0, approvalsRequired: 1, author: agent, source: "agent", entryIds: [`${s}:a`, `${s}:double`], rules: ["app:review"] });
    expect(await registry.currentVersion()).toBe(head);
    expect(await registry.get(`${s}:double`)).toBeNull();
    const changes = await store.changes(cr);
    expect(changes.map((c) => [c.id, c.op, c.before?.data, c.after?.data.v ?? c.after?.data.method])).toEqual([
      [`${s}:a`, "update", { v: 1 }, 2],
      [`${s}:double`, "create", undefined, "handler"],
    ]);
    const [row] = await listAudit(t.sql, { action: "changes.propose", target: `change:${cr.id}` });
    expect(row).toMatchObject({ actor: { kind: "actor", id: "bot:writer" }, metadata: { pid: "{app|0x00012}", entry: "agents:writer", changeRequest: cr.id } });
    expect(row?.summary).toContain("double it");
  });

  it.each([
    ["an empty changeset", [], "Invalid", /at most|empty/],
    ["a create of an entry that existed at the base", "create-existing", "Conflict", /already exists \(at base version/],
    ["an update of an entry missing at the base", "update-missing", "Conflict", /does not exist \(at base version/],
    ["operations that change nothing", "no-op", "Invalid", /no changes/],
  ] as const)("refuses %s, and stores nothing", async (_name, what, kind, message) => {
    const s = ns();
    await write([{ op: "create", entry: cfg(`${s}:a`, 1) }]);
    const ops: ChangeOp[] =
      what === "create-existing"
        ? [{ op: "create", entry: cfg(`${s}:a`, 2) }]
        : what === "update-missing"
          ? [{ op: "update", entry: cfg(`${s}:ghost`, 2) }]
          : what === "no-op"
            ? [{ op: "update", entry: cfg(`${s}:a`, 1) }]
            : [];
    const before = (await store.list()).items.length;
    const r = await store.propose({ author: agent, source: "agent", baseVersion: await registry.currentVersion(), ops, message: "", approvalsRequired: 1, rules: [] });
    expect(r).toMatchObject({ ok: false, error: { kind } });
    if (!r.ok) expect(r.error.message).toMatch(message);
    expect((await store.list()).items.length).toBe(before);
  });

  it("refuses a base version that does not exist", async () => {
    const head = await registry.currentVersion();
    const r = await store.propose({ author: agent, source: "agent", baseVersion: head + 5, ops: [{ op: "create", entry: cfg(`${ns()}:a`, 1) }], message: "", approvalsRequired: 1, rules: [] });
    expect(r).toMatchObject({ ok: false, error: { kind: "Invalid", message: `base version ${head + 5} does not exist (the newest is ${head})` } });
  });

  it("approving applies it as ONE version with the request's author, source and message; audited as the approver", async () => {
    const s = ns();
    const cr = await propose([{ op: "create", entry: fn(`${s}:double`, "return function(x) return x * 2 end") }, { op: "create", entry: cfg(`${s}:c`, 1) }], { message: "add double" });
    const head = await registry.currentVersion();
    const r = await store.approve(cr.id, eve, { note: "looks right" });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.request).toMatchObject({ status: "applied", appliedVersion: head + 1, approvals: 1, decidedBy: "eve@example.com" });
    expect(r.value.commit?.changes.map((c) => c.id)).toEqual([`${s}:c`, `${s}:double`]);
    expect(await registry.currentVersion()).toBe(head + 1);
    expect(await registry.getVersion(head + 1)).toMatchObject({ author: "bot:writer", source: "agent", message: `add double (change request #${cr.id}, approved by eve@example.com)` });
    expect((await registry.get(`${s}:double`))?.data.method).toBe("handler");
    const [row] = await listAudit(t.sql, { action: "changes.approve", target: `change:${cr.id}` });
    expect(row).toMatchObject({ actor: { kind: "user", id: "u-eve" }, metadata: { version: head + 1, author: "bot:writer" } });
    expect(await store.reviews(cr.id)).toMatchObject([{ verdict: "approve", revision: 1, reviewer: { id: "u-eve" }, note: "looks right" }]);
  });

  it("refuses: an agent approving, the author approving, a second approval by the same person, a decided request", async () => {
    const s = ns();
    const mine = await propose([{ op: "create", entry: cfg(`${s}:a`, 1) }], { author: { kind: "user", id: "u-ed", name: "ed@example.com" }, approvals: 2 });
    const asAgent = await store.approve(mine.id, { kind: "actor", id: "bot:writer", name: "bot" });
    expect(asAgent).toMatchObject({ ok: false, error: { kind: "PermissionDenied", message: expect.stringContaining("an agent never approves") } });
    expect(await store.approve(mine.id, ed)).toMatchObject({ ok: false, error: { kind: "PermissionDenied", message: expect.stringContaining("nobody approves their own") } });
    expect(await store.approve(mine.id, eve)).toMatchObject({ ok: true, value: { request: { status: "open", approvals: 1 } } });
    expect(await store.approve(mine.id, eve)).toMatchObject({ ok: false, error: { kind: "Conflict", message: expect.stringContaining("already approved revision 1") } });
    expect(await store.approve(mine.id, ann)).toMatchObject({ ok: true, value: { request: { status: "applied", approvals: 2 } } });
    expect(await store.approve(mine.id, { kind: "user", id: "u-zed", name: "zed" })).toMatchObject({ ok: false, error: { kind: "Conflict", message: expect.stringContaining("already applied") } });
    expect(await store.reject(mine.id, ann)).toMatchObject({ ok: false, error: { kind: "Conflict" } });
    expect(await store.approve(999_999, eve)).toMatchObject({ ok: false, error: { kind: "NotFound" } });
  });

  it("two approvals at once on a request that needs two: both count, and it is applied exactly once", async () => {
    for (let round = 0; round < 5; round++) {
      const s = ns();
      const cr = await propose([{ op: "create", entry: cfg(`${s}:a`, round) }], { approvals: 2 });
      const head = await registry.currentVersion();
      const [a, b] = await Promise.all([store.approve(cr.id, eve), store.approve(cr.id, ann)]);
      expect(a.ok && b.ok).toBe(true);
      const statuses = [a, b].map((r) => (r.ok ? r.value.request.status : r.error.kind)).sort();
      expect(statuses).toEqual(["applied", "open"]);
      expect(await registry.currentVersion()).toBe(head + 1);
      expect(await store.get(cr.id)).toMatchObject({ status: "applied", approvals: 2, appliedVersion: head + 1 });
    }
  });

  it("two approvers racing on a request that needs one: one applies it, the other is told it is decided", async () => {
    for (let round = 0; round < 5; round++) {
      const cr = await propose([{ op: "create", entry: cfg(`${ns()}:a`, round) }]);
      const head = await registry.currentVersion();
      const results = await Promise.all([store.approve(cr.id, eve), store.approve(cr.id, ann)]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: { kind: "Conflict", message: expect.stringContaining("already applied") } });
      expect(await registry.currentVersion()).toBe(head + 1);
    }
  });

  it("a registry write to an entry it touches, committed while the approval waits for the registry lock → stale; nothing applied; the operations kept", async () => {
    const s = ns();
    await write([{ op: "create", entry: cfg(`${s}:a`, 1) }]);
    const ops: ChangeOp[] = [{ op: "update", entry: cfg(`${s}:a`, 2) }];
    const cr = await propose(ops);
    let approval: Promise<Awaited<ReturnType<ChangeRequestStore["approve"]>>> | undefined;
    const theirs = await t.sql.begin(async (tx) => {
      // The writer holds the registry head, as a commit in flight does; the approval queues behind it.
      const committed = await commitInTransaction(tx, [{ op: "update", entry: cfg(`${s}:a`, 9) }], { author: "other", source: "ui" });
      approval = store.approve(cr.id, eve);
      await new Promise((resolve) => setTimeout(resolve, 150));
      return committed;
    });
    if (!theirs.ok) throw new Error(theirs.error.message);
    const r = await approval;
    expect(r).toMatchObject({ ok: true, value: { commit: null, request: { status: "stale", staleEntries: [`${s}:a`], staleVersion: theirs.value.version.id, decidedBy: "eve@example.com" } } });
    expect(await registry.currentVersion()).toBe(theirs.value.version.id);
    expect((await registry.get(`${s}:a`))?.data).toEqual({ v: 9 });
    expect((await store.get(cr.id))?.ops).toEqual(ops);
    expect((await store.get(cr.id))?.reason).toContain(`${s}:a changed after version ${cr.baseVersion}`);
  });

  it("a write to an entry it does not touch does not make it stale", async () => {
    const s = ns();
    const cr = await propose([{ op: "create", entry: cfg(`${s}:mine`, 1) }]);
    await write([{ op: "create", entry: cfg(`${s}:other`, 1) }]);
    expect(await store.approve(cr.id, eve)).toMatchObject({ ok: true, value: { request: { status: "applied" } } });
  });

  it("rebase: open again at revision 2 on the new base, approvals start over, and who rebased may not approve", async () => {
    const s = ns();
    await write([{ op: "create", entry: cfg(`${s}:a`, 1) }]);
    const cr = await propose([{ op: "update", entry: cfg(`${s}:a`, 2) }], { approvals: 1 });
    await write([{ op: "update", entry: cfg(`${s}:a`, 5) }]);
    expect(await store.approve(cr.id, eve)).toMatchObject({ ok: true, value: { request: { status: "stale" } } });
    expect(await store.approve(cr.id, ann)).toMatchObject({ ok: false, error: { kind: "Conflict", message: expect.stringContaining("rebase it first") } });
    const head = await registry.currentVersion();
    expect(await store.rebase(cr.id, ann, { revision: 2, baseVersion: head, ops: [{ op: "update", entry: cfg(`${s}:a`, 6) }] })).toMatchObject({ ok: false, error: { kind: "Conflict", message: expect.stringContaining("now revision 1") } });
    const rebased = await store.rebase(cr.id, ann, { revision: 1, baseVersion: head, ops: [{ op: "update", entry: cfg(`${s}:a`, 6) }], note: "kept their 5 → 6" });
    expect(rebased).toMatchObject({ ok: true, value: { request: { status: "open", revision: 2, baseVersion: head, approvals: 0, staleEntries: [], decidedBy: null } } });
    expect(await store.approve(cr.id, ann)).toMatchObject({ ok: false, error: { kind: "PermissionDenied", message: expect.stringContaining("you rebased") } });
    expect(await store.approve(cr.id, eve, { revision: 1 })).toMatchObject({ ok: false, error: { kind: "Conflict", message: expect.stringContaining("rebased after you read it") } });
    expect(await store.approve(cr.id, eve, { revision: 2 })).toMatchObject({ ok: true, value: { request: { status: "applied" } } });
    expect((await registry.get(`${s}:a`))?.data).toEqual({ v: 6 });
    const [row] = await listAudit(t.sql, { action: "changes.rebase", target: `change:${cr.id}` });
    expect(row).toMatchObject({ actor: { id: "u-ann" }, before: { baseVersion: cr.baseVersion } });
  });

  it("problems found when applying → approved with them, nothing written; applied once they are gone", async () => {
    const s = ns();
    const cr = await propose([{ op: "create", entry: cfg(`${s}:needs`, 1) }]);
    const head = await registry.currentVersion();
    const missing = (_ops: readonly ChangeOp[], current: ReadonlyMap<string, Entry>) => (current.has(`${s}:dep`) ? [] : [`${s}:needs: ${s}:dep does not exist`]);
    expect(await store.approve(cr.id, eve, { validate: missing })).toMatchObject({ ok: true, value: { commit: null, request: { status: "approved", problems: [`${s}:needs: ${s}:dep does not exist`] } } });
    expect(await registry.currentVersion()).toBe(head);
    expect(await store.applyApproved(cr.id, ann, { validate: missing })).toMatchObject({ ok: true, value: { request: { status: "approved" } } });
    await write([{ op: "create", entry: cfg(`${s}:dep`, 1) }]);
    expect(await store.applyApproved(cr.id, ann, { validate: missing })).toMatchObject({ ok: true, value: { request: { status: "applied", problems: [] } } });
  });

  it("reject by a reviewer, withdraw by its author; a rejected request cannot be approved", async () => {
    const a = await propose([{ op: "create", entry: cfg(`${ns()}:a`, 1) }]);
    expect(await store.reject(a.id, eve, { note: "not this way" })).toMatchObject({ ok: true, value: { request: { status: "rejected", reason: "not this way", decidedBy: "eve@example.com" } } });
    expect(await store.approve(a.id, ann)).toMatchObject({ ok: false, error: { kind: "Conflict", message: expect.stringContaining("is rejected") } });
    const b = await propose([{ op: "create", entry: cfg(`${ns()}:b`, 1) }], { author: { kind: "user", id: "u-ed", name: "ed@example.com" } });
    expect(await store.reject(b.id, ed)).toMatchObject({ ok: true, value: { request: { status: "rejected", reason: "withdrawn by its author" } } });
    expect(await store.reject(b.id, { kind: "actor", id: "bot", name: "bot" })).toMatchObject({ ok: false, error: { kind: "PermissionDenied" } });
  });

  it("lists by status and entry, newest first, with paging, and counts per status", async () => {
    const s = ns();
    const first = await propose([{ op: "create", entry: cfg(`${s}:x`, 1) }]);
    const second = await propose([{ op: "create", entry: cfg(`${s}:y`, 1) }]);
    await store.reject(first.id, eve);
    const open = await store.list({ status: ["open"] });
    expect(open.items.some((c) => c.id === second.id) && !open.items.some((c) => c.id === first.id)).toBe(true);
    expect((await store.list({ entry: `${s}:x` })).items.map((c) => c.id)).toEqual([first.id]);
    const page = await store.list({ limit: 1 });
    expect(page.items).toHaveLength(1);
    expect(page.nextBefore).toBe(page.items[0]?.id);
    expect((await store.list({ limit: 1, before: page.nextBefore ?? 0 })).items[0]?.id).toBeLessThan(page.items[0]?.id ?? 0);
    const counts = await store.counts();
    expect(counts.rejected).toBeGreaterThan(0);
    expect(Object.keys(counts).sort()).toEqual(["applied", "approved", "open", "rejected", "stale"]);
  });

  it("announces every change on wippy_change_requests when it commits (never for a refusal), in seq order", async () => {
    const heard: ChangeRequestNotice[] = [];
    const listener = await listen(t.url, CHANGE_REQUESTS_CHANNEL, { onNotify: (p) => heard.push(JSON.parse(p) as ChangeRequestNotice), onReconnect: () => undefined });
    try {
      const since = new Date(Date.now() - 1_000);
      const cr = await propose([{ op: "create", entry: cfg(`${ns()}:n`, 1) }], { approvals: 2 });
      await store.approve(cr.id, eve);
      await store.approve(cr.id, eve); // refused: nothing announced
      await store.approve(cr.id, ann);
      await expect.poll(() => heard.filter((h) => h.id === cr.id).length).toBe(3);
      const mine = heard.filter((h) => h.id === cr.id);
      expect(mine.map((h) => h.status)).toEqual(["open", "open", "applied"]);
      expect(mine.map((h) => h.seq)).toEqual([...mine.map((h) => h.seq)].sort((a, b) => a - b));
      expect((await store.changedSince(since)).find((c) => c.id === cr.id)).toMatchObject({ status: "applied", seq: mine[2]?.seq });
    } finally {
      await listener.close();
    }
  });
});
