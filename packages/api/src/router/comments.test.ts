/**
 * `comments.*` through `createCaller` on real PostgreSQL: operators and above write, viewers
 * read; each edits and deletes their own, admins delete anyone's but edit nobody's; every
 * change is audited; bad input is refused with the reason; any target kind works.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testTargets } from "@wippy/db/testing";
import { codeOf, createWorld, errorOf, type World } from "../test/world";

describe.each(testTargets())("comments on $name PostgreSQL", (target) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(target);
  });
  afterAll(() => w?.drop());

  const lastAudit = async (action: string) => (await w.as("admin").audit.list({ action, limit: 1 })).items[0];

  it("an operator adds a comment; everyone reads it, in order, with its author", async () => {
    const first = await w.as("operator").comments.add({ target: "entry:app:fn", body: "  the price table is stale  " });
    await w.as("editor").comments.add({ target: "entry:app:fn", body: "fixed in the next version" });
    expect(first).toMatchObject({ target: "entry:app:fn", body: "the price table is stale", author: { id: w.users.operator?.id, email: "operator@example.com", name: "operator" }, editedAt: null });
    const read = await w.as("viewer").comments.list({ target: "entry:app:fn" });
    expect(read).toMatchObject({ more: false, items: [{ body: "the price table is stale" }, { body: "fixed in the next version" }] });
    expect(await lastAudit("comments.add")).toMatchObject({ actor: { name: "editor@example.com" }, target: "entry:app:fn", before: null, after: { body: "fixed in the next version" } });
  });

  it("keeps targets apart, whatever their kind (later kinds need no change)", async () => {
    await w.as("operator").comments.add({ target: "run:order-7", body: "retried after the fix" });
    await w.as("operator").comments.add({ target: "change:42", body: "looks good to me" });
    expect((await w.as("viewer").comments.list({ target: "run:order-7" })).items.map((c) => c.body)).toEqual(["retried after the fix"]);
    expect((await w.as("viewer").comments.list({ target: "change:42" })).items.map((c) => c.body)).toEqual(["looks good to me"]);
  });

  it("pages back through a long thread", async () => {
    for (let i = 1; i <= 5; i += 1) await w.as("operator").comments.add({ target: "entry:app:long", body: `note ${i}` });
    const newest = await w.as("viewer").comments.list({ target: "entry:app:long", limit: 3 });
    expect(newest).toMatchObject({ more: true, items: [{ body: "note 3" }, { body: "note 4" }, { body: "note 5" }] });
    const earlier = await w.as("viewer").comments.list({ target: "entry:app:long", limit: 3, cursor: newest.items[0]?.id });
    expect(earlier).toMatchObject({ more: false, items: [{ body: "note 1" }, { body: "note 2" }] });
  });

  it("each edits their own comment, audited with the text before and after; nobody edits another's", async () => {
    const mine = await w.as("editor").comments.add({ target: "entry:app:edit", body: "draft" });
    const edited = await w.as("editor").comments.edit({ id: mine.id, body: "final" });
    expect(edited).toMatchObject({ id: mine.id, body: "final", editedAt: expect.any(Number) as number });
    expect(await lastAudit("comments.edit")).toMatchObject({ target: "entry:app:edit", before: { body: "draft" }, after: { body: "final" } });
    expect(await errorOf(() => w.as("admin").comments.edit({ id: mine.id, body: "admin words" }))).toMatchObject({ code: "FORBIDDEN", message: "you can edit only your own comments" });
    expect(await errorOf(() => w.as("operator").comments.edit({ id: mine.id, body: "x" }))).toMatchObject({ code: "FORBIDDEN" });
    expect((await w.as("viewer").comments.list({ target: "entry:app:edit" })).items[0]?.body).toBe("final");
  });

  it("each deletes their own; an admin deletes anyone's; others are refused; all audited", async () => {
    const a = await w.as("operator").comments.add({ target: "entry:app:del", body: "one" });
    const b = await w.as("operator").comments.add({ target: "entry:app:del", body: "two" });
    expect(await codeOf(() => w.as("editor").comments.delete({ id: a.id }))).toBe("FORBIDDEN");
    expect(await w.as("operator").comments.delete({ id: a.id })).toEqual({ id: a.id, target: "entry:app:del" });
    expect(await lastAudit("comments.delete")).toMatchObject({ actor: { name: "operator@example.com" }, target: "entry:app:del", summary: `comment ${a.id} (own)`, before: { body: "one" }, after: null });
    await w.as("admin").comments.delete({ id: b.id });
    expect(await lastAudit("comments.delete")).toMatchObject({ actor: { name: "admin@example.com" }, summary: `comment ${b.id} (by operator@example.com)` });
    expect((await w.as("viewer").comments.list({ target: "entry:app:del" })).items).toEqual([]);
    expect(await errorOf(() => w.as("operator").comments.delete({ id: a.id }))).toMatchObject({ code: "NOT_FOUND", message: `comment ${a.id} does not exist (it may have been deleted)` });
  });

  it("refuses empty or oversized text and malformed targets, naming the problem", async () => {
    const empty = await errorOf(() => w.as("operator").comments.add({ target: "entry:app:fn", body: "   " }));
    expect(empty).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("a comment cannot be empty") as string });
    expect(await errorOf(() => w.as("operator").comments.add({ target: "entry:app:fn", body: "x".repeat(5_001) }))).toMatchObject({ code: "BAD_REQUEST" });
    for (const bad of ["", "Entry:x", "entry:", "two words:x"]) {
      expect(await codeOf(() => w.as("viewer").comments.list({ target: bad }))).toBe("BAD_REQUEST");
    }
  });

  it("writes nothing for a viewer, or from another site", async () => {
    expect(await codeOf(() => w.as("viewer").comments.add({ target: "entry:app:fn", body: "hi" }))).toBe("FORBIDDEN");
    expect(await codeOf(() => w.as("editor", { ok: false, reason: "cross-site request refused" }).comments.add({ target: "entry:app:fn", body: "hi" }))).toBe("FORBIDDEN");
  });
});
