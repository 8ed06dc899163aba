/** User management: create, list, roles, removal — and the rules that keep an admin around. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testTargets } from "@wippy/db/testing";
import { addUser, createWorld, errorOf, type World } from "../test/world";

describe.each(testTargets())("users router on $name PostgreSQL", (target) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(target);
  });
  afterAll(() => w?.drop());

  it("creates a user who can sign in, with the role given", async () => {
    const created = await w.as("admin").users.create({ name: "Carol", email: "Carol@Example.com", password: "carols long password", role: "operator" });
    expect(created).toMatchObject({ email: "carol@example.com", role: "operator" });
    expect(created).not.toHaveProperty("password");
    const signedIn = await w.auth.api.signInEmail({ body: { email: "carol@example.com", password: "carols long password" } });
    expect(signedIn.user.email).toBe("carol@example.com");
    expect((await w.as("admin").users.list()).map((u) => u.email)).toContain("carol@example.com");
  });

  it("refuses a duplicate email and a short password", async () => {
    expect((await errorOf(() => w.as("admin").users.create({ name: "C", email: "carol@example.com", password: "another long one", role: "viewer" }))).code).toBe("CONFLICT");
    const e = await errorOf(() => w.as("admin").users.create({ name: "D", email: "d@example.com", password: "123456789", role: "viewer" }));
    expect(e).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("at least 10 characters") as string });
  });

  it("changes a role", async () => {
    const dave = await addUser(w.services, "dave@example.com", "viewer");
    expect(await w.as("admin").users.setRole({ id: dave.id, role: "editor" })).toMatchObject({ role: "editor" });
    const [row] = await w.db.sql<{ role: string }[]>`select role from auth_user where id = ${dave.id}`;
    expect(row?.role).toBe("editor");
  });

  it("never demotes the last admin", async () => {
    const admin = w.users.admin;
    const e = await errorOf(() => w.as("admin").users.setRole({ id: admin?.id ?? "", role: "editor" }));
    expect(e).toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringContaining("last admin") as string });
  });

  it("lets an admin step down once there is another admin", async () => {
    const second = await addUser(w.services, "root2@example.com", "admin");
    expect(await w.as("admin").users.setRole({ id: second.id, role: "viewer" })).toMatchObject({ role: "viewer" });
  });

  it("does not let an admin remove themselves", async () => {
    const e = await errorOf(() => w.as("admin").users.remove({ id: w.users.admin?.id ?? "" }));
    expect(e).toMatchObject({ code: "PRECONDITION_FAILED", message: "you cannot remove your own account" });
  });

  it("never removes the last admin, even when two admins race to remove each other", async () => {
    const a = await addUser(w.services, "a-admin@example.com", "admin");
    const b = await addUser(w.services, "b-admin@example.com", "admin");
    // Three admins now (the world's, a, b): demote the world's so a and b are the only two.
    await w.asUser(a).users.setRole({ id: w.users.admin?.id ?? "", role: "editor" });
    const results = await Promise.allSettled([w.asUser(a).users.remove({ id: b.id }), w.asUser(b).users.remove({ id: a.id })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [row] = await w.db.sql<{ n: number }[]>`select count(*)::int as n from auth_user where role = 'admin'`;
    expect(row?.n).toBe(1);
  });

  it("removes a user and their sessions", async () => {
    const eve = await addUser(w.services, "eve@example.com", "viewer");
    await w.auth.api.signInEmail({ body: { email: "eve@example.com", password: "correct horse battery" } });
    const admin = (await w.db.sql<{ id: string; email: string; name: string }[]>`select id, email, name from auth_user where role = 'admin'`)[0];
    await w.asUser({ id: admin?.id ?? "", email: admin?.email ?? "", name: admin?.name ?? "", role: "admin" }).users.remove({ id: eve.id });
    expect(await w.db.sql`select 1 from auth_user where id = ${eve.id}`).toHaveLength(0);
    expect(await w.db.sql`select 1 from auth_session where user_id = ${eve.id}`).toHaveLength(0);
  });
});
