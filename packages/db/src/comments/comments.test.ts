import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen } from "../listen";
import { createTestDatabase, testTargets, type TestDatabase } from "../testing";
import { addComment, commentForUpdate, COMMENTS_CHANNEL, deleteComment, editComment, getComment, listComments, type CommentNotice } from ".";

describe.each(testTargets())("comments on $name PostgreSQL", (target) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(target);
  });
  afterAll(() => t?.drop());

  const ada = { id: "u1", name: "Ada", email: "ada@example.com" };

  it("lists a target's comments in the order written, the newest page first, with earlier pages", async () => {
    for (const body of ["one", "two", "three"]) await addComment(t.sql, { target: "entry:app:a", author: ada, body });
    await addComment(t.sql, { target: "run:r1", author: ada, body: "elsewhere" });
    const all = await listComments(t.sql, "entry:app:a");
    expect(all).toMatchObject({ more: false, items: [{ body: "one" }, { body: "two" }, { body: "three" }] });
    expect(all.items[0]).toMatchObject({ target: "entry:app:a", author: ada, editedAt: null });
    const newest = await listComments(t.sql, "entry:app:a", { limit: 2 });
    expect(newest).toMatchObject({ more: true, items: [{ body: "two" }, { body: "three" }] });
    const earlier = await listComments(t.sql, "entry:app:a", { limit: 2, before: newest.items[0]?.id });
    expect(earlier).toMatchObject({ more: false, items: [{ body: "one" }] });
  });

  it("edits and deletes, answering null for a comment that is not there", async () => {
    const c = await addComment(t.sql, { target: "entry:app:b", author: ada, body: "first" });
    const edited = await editComment(t.sql, c.id, "second", new Date(c.createdAt + 1_000));
    expect(edited).toMatchObject({ id: c.id, body: "second", editedAt: c.createdAt + 1_000 });
    expect(await deleteComment(t.sql, c.id)).toMatchObject({ id: c.id, body: "second" });
    expect(await getComment(t.sql, c.id)).toBeNull();
    expect(await editComment(t.sql, c.id, "again")).toBeNull();
    expect(await deleteComment(t.sql, c.id)).toBeNull();
  });

  it("refuses an empty body in the database too", async () => {
    await expect(addComment(t.sql, { target: "entry:app:c", author: ada, body: "" })).rejects.toThrow(/comments_body_length/);
  });

  it("locks a comment for the transaction that checks and changes it", async () => {
    const c = await addComment(t.sql, { target: "entry:app:d", author: ada, body: "mine" });
    const order: string[] = [];
    let other: Promise<unknown> = Promise.resolve();
    await t.sql.begin(async (tx) => {
      expect(await commentForUpdate(tx, c.id)).toMatchObject({ author: ada });
      other = t.sql`update comments set body = 'theirs' where id = ${c.id}`.then(() => order.push("other"));
      await new Promise((r) => setTimeout(r, 100));
      await editComment(tx, c.id, "checked");
      order.push("mine");
    });
    await other;
    expect(order[0]).toBe("mine");
    expect((await getComment(t.sql, c.id))?.body).toBe("theirs");
  });

  it("announces each change on wippy_comments when it commits, and never for a rolled-back one", async () => {
    const heard: CommentNotice[] = [];
    const listener = await listen(t.url, COMMENTS_CHANNEL, { onNotify: (p) => heard.push(JSON.parse(p) as CommentNotice), onReconnect: () => undefined });
    try {
      await t.sql.begin(async (tx) => {
        await addComment(tx, { target: "entry:app:gone", author: ada, body: "never" });
        throw new Error("rolled back");
      }).catch(() => undefined);
      const c = await addComment(t.sql, { target: "entry:app:e", author: ada, body: "hello" });
      await editComment(t.sql, c.id, "hello again");
      await deleteComment(t.sql, c.id);
      await expect.poll(() => heard.length).toBe(3);
      expect(heard).toEqual([
        { change: "added", target: "entry:app:e", id: c.id },
        { change: "edited", target: "entry:app:e", id: c.id },
        { change: "deleted", target: "entry:app:e", id: c.id },
      ]);
    } finally {
      await listener.close();
    }
  });
});
