/**
 * `changes.*` through `createCaller` on both test servers: proposing from the UI, the review
 * page (diffs, moved entries, what the viewer may do), approval by approvers only and never by
 * the author, review rules that make people propose, stale → rebase → applied, an approved
 * request the registry would not run with, rejection and withdrawal, the replay check of
 * workflow code, and the audit rows naming who did each.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PgWorkflowStore } from "@wippy/db";
import { testTargets } from "@wippy/db/testing";
import type { ChangeOp, Entry } from "@wippy/shared";
import { addUser, createWorld, errorOf, luaFunction, type World } from "../test/world";

const RETRY = { initialIntervalMs: 100, backoff: 2, maxIntervalMs: 1000, maxAttempts: 3, nonRetryable: [] };
const cfg = (id: string, data: Entry["data"]): Entry => ({ id, kind: "registry.entry", meta: {}, data });
const flow = (first: string) => `local funcs = require("funcs")
local function run()
    return funcs.call("${first}", "box", 3)
end
return { run = run }
`;

describe.each(testTargets())("changes router on $name PostgreSQL", (target) => {
  let w: World;
  const editor = () => w.as("editor");
  const approver = () => w.as("approver");
  const audits = async (action: string) => (await w.as("admin").audit.list({ action })).items;
  const head = async () => (await w.as("viewer").history.versions({ limit: 1 })).items[0]?.id ?? 0;
  const propose = async (ops: ChangeOp[], message = "a change") => (await editor().changes.propose({ baseVersion: await head(), ops, message })).request;

  beforeAll(async () => {
    w = await createWorld(target);
    await w.as("admin").registry.create({ entry: cfg("app:cfg", { greeting: "hi" }) });
  });
  afterAll(() => w?.drop());

  it("an editor proposes; the page shows the diff against the base; the author may not approve; an approver applies it as one version", async () => {
    const request = await propose([{ op: "create", entry: luaFunction("tools:double") }, { op: "update", entry: cfg("app:cfg", { greeting: "hello" }) }], "double and hello");
    expect(request).toMatchObject({ status: "open", author: { kind: "user", name: "editor@example.com" }, source: "ui", approvalsRequired: 1, rules: [], entryIds: ["app:cfg", "tools:double"] });
    expect((await w.as("viewer").registry.get({ id: "app:cfg" })).entry.data).toEqual({ greeting: "hi" });

    const page = await editor().changes.get({ id: request.id });
    expect(page.changes.map((c) => [c.id, c.op, c.before?.data.greeting ?? null, c.after?.data.greeting ?? c.after?.kind])).toEqual([
      ["app:cfg", "update", "hi", "hello"],
      ["tools:double", "create", null, "function.lua"],
    ]);
    expect(page.viewer).toMatchObject({ isAuthor: true, canApprove: false, approveBlocked: "nobody approves their own change request", canReject: true });
    expect((await approver().changes.get({ id: request.id })).viewer).toMatchObject({ canApprove: true, approveBlocked: null });
    expect((await w.as("operator").changes.get({ id: request.id })).viewer).toMatchObject({ canApprove: false, approveBlocked: "approving needs the approver role", canReject: false });

    const before = await head();
    const approved = await approver().changes.approve({ id: request.id, revision: 1, note: "ship it" });
    expect(approved).toMatchObject({ request: { status: "applied", appliedVersion: before + 1 }, version: before + 1 });
    expect((await w.as("viewer").registry.get({ id: "app:cfg" })).entry.data).toEqual({ greeting: "hello" });
    expect((await w.as("viewer").history.version({ id: before + 1 })).version).toMatchObject({ author: "editor@example.com", source: "ui", message: `double and hello (change request #${request.id}, approved by approver@example.com)` });
    expect((await audits("changes.propose")).find((r) => r.target === `change:${request.id}`)?.actor).toMatchObject({ kind: "user", name: "editor@example.com" });
    expect((await audits("changes.approve")).find((r) => r.target === `change:${request.id}`)).toMatchObject({ actor: { name: "approver@example.com" }, metadata: { version: before + 1 } });
  });

  it("an admin (above approver) may approve; an editor may not (the role check)", async () => {
    const request = await propose([{ op: "create", entry: cfg("app:by_admin", {}) }]);
    expect(await errorOf(() => editor().changes.approve({ id: request.id, revision: 1 }))).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("needs the approver role") as string });
    expect(await w.as("admin").changes.approve({ id: request.id, revision: 1 })).toMatchObject({ request: { status: "applied" } });
  });

  it("the author of a request cannot approve it even as an approver", async () => {
    const request = (await approver().changes.propose({ baseVersion: await head(), ops: [{ op: "create", entry: cfg("app:own", {}) }], message: "" })).request;
    expect(await errorOf(() => approver().changes.approve({ id: request.id, revision: 1 }))).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("nobody approves their own") as string });
    expect((await w.as("admin").changes.approve({ id: request.id, revision: 1 })).request.status).toBe("applied");
  });

  it("review rules with editors: true refuse a save there (PRECONDITION_FAILED, reviewRequired) and the proposal needs the rule's approvals", async () => {
    await w.as("admin").registry.create({ entry: { id: "app:review", kind: "registry.review_rules", meta: {}, data: { rules: [{ namespaces: ["core"], editors: true, approvals: 2 }] } } });
    await w.as("admin").registry.create({ entry: cfg("core:limits", { max: 1 }) }).catch(() => undefined);
    const created = await errorOf(() => editor().registry.create({ entry: cfg("core:limits", { max: 1 }) }));
    expect(created).toMatchObject({ code: "PRECONDITION_FAILED", message: "changes to core:limits need review (app:review): propose them as a change request instead" });
    expect((created.cause as { problem: unknown }).problem).toEqual({ kind: "reviewRequired", entries: ["core:limits"], rules: ["app:review"], approvals: 2 });
    expect((await w.as("viewer").registry.get({ id: "app:review" })).review).toEqual({ required: false, approvals: 1, rules: [] });

    const request = await propose([{ op: "create", entry: cfg("core:limits", { max: 1 }) }]);
    expect(request).toMatchObject({ approvalsRequired: 2, rules: ["app:review"] });
    expect(await approver().changes.approve({ id: request.id, revision: 1 })).toMatchObject({ request: { status: "open", approvals: 1 }, version: null });
    expect(await errorOf(() => approver().changes.approve({ id: request.id, revision: 1 }))).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already approved") as string });
    expect(await w.as("admin").changes.approve({ id: request.id, revision: 1 })).toMatchObject({ request: { status: "applied", approvals: 2 } });
    expect((await w.as("viewer").registry.get({ id: "core:limits" })).review).toEqual({ required: true, approvals: 2, rules: ["app:review"] });
    const saved = await errorOf(async () => editor().registry.save({ id: "core:limits", baseVersion: await head(), entry: { kind: "registry.entry", meta: {}, data: { max: 2 } } }));
    expect(saved.code).toBe("PRECONDITION_FAILED");
  });

  it("stale: the page shows what moved; approving marks it stale; a rebase on the new head opens revision 2, which is applied", async () => {
    await w.as("admin").registry.create({ entry: cfg("app:limits", { max: 1, min: 0 }) });
    const request = await propose([{ op: "update", entry: cfg("app:limits", { max: 5, min: 0 }) }], "raise max");
    const theirs = await w.as("admin").registry.save({ id: "app:limits", baseVersion: await head(), entry: { kind: "registry.entry", meta: {}, data: { max: 1, min: 1 } }, message: "raise min" });
    const page = await approver().changes.get({ id: request.id });
    expect(page.moved).toEqual([{ id: "app:limits", theirs: cfg("app:limits", { max: 1, min: 1 }), theirsVersion: theirs.version, theirsAuthor: "admin@example.com" }]);
    expect(await approver().changes.approve({ id: request.id, revision: 1 })).toMatchObject({ request: { status: "stale", staleEntries: ["app:limits"], staleVersion: theirs.version }, version: null });
    expect((await w.as("viewer").registry.get({ id: "app:limits" })).entry.data).toEqual({ max: 1, min: 1 });
    expect((await approver().changes.get({ id: request.id })).viewer).toMatchObject({ canApprove: false, approveBlocked: "it is stale", canRebase: true });

    const rebased = await editor().changes.rebase({ id: request.id, revision: 1, baseVersion: await head(), ops: [{ op: "update", entry: cfg("app:limits", { max: 5, min: 1 }) }], note: "merged: kept min 1" });
    expect(rebased.request).toMatchObject({ status: "open", revision: 2, approvals: 0 });
    expect(await approver().changes.approve({ id: request.id, revision: 2 })).toMatchObject({ request: { status: "applied" } });
    expect((await w.as("viewer").registry.get({ id: "app:limits" })).entry.data).toEqual({ max: 5, min: 1 });
    expect((await approver().changes.get({ id: request.id })).reviews.map((r) => [r.verdict, r.revision, r.reviewer.name])).toEqual([
      ["approve", 1, "approver@example.com"],
      ["rebase", 2, "editor@example.com"],
      ["approve", 2, "approver@example.com"],
    ]);
  });

  it("a proposal the loader would refuse is BAD_REQUEST with diagnostics; nothing stored", async () => {
    const before = (await editor().changes.list({})).items.length;
    const refused = await errorOf(async () => editor().changes.propose({ baseVersion: await head(), ops: [{ op: "create", entry: luaFunction("tools:broken", "return function(") }] }));
    expect(refused).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("tools:broken: Lua syntax error") as string });
    expect((await editor().changes.list({})).items.length).toBe(before);
  });

  it("the registry would not run with it → approved with the problems; applied once the registry is fixed", async () => {
    await w.as("admin").registry.create({ entry: { id: "svc:h", kind: "process.host", meta: {}, data: {} } });
    const service: Entry = { id: "svc:worker", kind: "process.service", meta: {}, data: { process: "svc:missing", host: "svc:h" } };
    const request = await propose([{ op: "create", entry: service }]);
    const approved = await approver().changes.approve({ id: request.id, revision: 1 });
    expect(approved.request.status).toBe("approved");
    expect(approved.request.problems.join("\n")).toContain("svc:missing");
    expect((await approver().changes.get({ id: request.id })).viewer).toMatchObject({ canApply: true, canApprove: false });
    await w.as("admin").registry.create({ entry: { id: "svc:missing", kind: "process.lua", meta: {}, data: { source: "return { main = function() end }", method: "main" } } });
    expect(await approver().changes.applyApproved({ id: request.id })).toMatchObject({ request: { status: "applied", problems: [] } });
  });

  it("rejecting needs the approver role, except for its author (withdraw); a decided request is not rejected twice", async () => {
    const request = await propose([{ op: "create", entry: cfg("app:maybe", {}) }]);
    const other = await addUser(w.services, "other-editor@example.com", "editor");
    expect(await errorOf(() => w.asUser(other).changes.reject({ id: request.id }))).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("needs the approver role") as string });
    expect(await editor().changes.reject({ id: request.id, note: "not needed after all" })).toMatchObject({ request: { status: "rejected", reason: "not needed after all" } });
    expect(await errorOf(() => approver().changes.reject({ id: request.id }))).toMatchObject({ code: "CONFLICT" });
    expect((await audits("changes.reject")).find((r) => r.target === `change:${request.id}`)?.summary).toBe(`withdrew change request #${request.id}: not needed after all`);
  });

  it("lists the inbox by status with counts", async () => {
    const open = await propose([{ op: "create", entry: cfg("app:listed", {}) }]);
    const list = await w.as("viewer").changes.list({ status: ["open"] });
    expect(list.items.map((c) => c.id)).toContain(open.id);
    expect(list.items.every((c) => c.status === "open")).toBe(true);
    expect("ops" in (list.items[0] ?? {})).toBe(false);
    expect(list.counts.open).toBeGreaterThan(0);
    expect(await w.as("viewer").changes.counts()).toEqual(list.counts);
  });

  it("the replay check: running runs of a changed workflow replay on the new code — or diverge, and say where", async () => {
    const admin = w.as("admin");
    await admin.registry.create({ entry: { id: "flows:wf", kind: "workflow.host", meta: {}, data: {} } });
    await admin.registry.create({ entry: { id: "flows:ship", kind: "workflow.lua", meta: {}, data: { source: flow("flows:pack"), method: "run", modules: ["funcs"] } } });
    await w.as("operator").workflows.start({ workflow: "flows:ship", args: [], id: "replay-1" });
    const store = new PgWorkflowStore(w.db.sql);
    const [lease] = await store.claimRuns("node-a", 60_000, 1_000);
    if (!lease) throw new Error("no lease");
    const appended = await store.append(lease, [{ type: "activity.scheduled", command: 1, activity: "flows:pack", args: ["box", 3], options: { retry: RETRY }, at: Date.now() }], {});
    expect(appended.ok).toBe(true);

    const ship = (source: string): ChangeOp => ({ op: "update", entry: { id: "flows:ship", kind: "workflow.lua", meta: {}, data: { source, method: "run", modules: ["funcs"] } } });
    const diverging = await propose([ship(flow("flows:unpack"))]);
    const [checked] = (await w.as("operator").changes.replay({ id: diverging.id })).workflows;
    expect(checked).toMatchObject({ workflow: "flows:ship", exists: true, more: false, runs: [{ runId: "replay-1", status: "diverged", message: expect.stringContaining("flows:unpack") as string }] });
    const compatible = await propose([ship(`${flow("flows:pack")}-- a comment\n`)]);
    expect((await w.as("operator").changes.replay({ id: compatible.id })).workflows[0]?.runs).toEqual([{ runId: "replay-1", status: "deterministic", message: null, checkedThrough: 2 }]);
    const configOnly = await propose([{ op: "create", entry: cfg("app:unrelated", {}) }]);
    expect((await w.as("operator").changes.replay({ id: configOnly.id })).workflows).toEqual([]);
    expect(await errorOf(() => w.as("viewer").changes.replay({ id: configOnly.id }))).toMatchObject({ code: "FORBIDDEN" });
  });
});
