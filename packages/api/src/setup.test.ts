/**
 * First-run setup and sign-in: the first admin is created once (racing calls → exactly one),
 * the password policy speaks plainly, and the admin signs in through the Better Auth instance —
 * whose session cookie then resolves, through `createContext`, to a user with the admin role.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testTargets } from "@wippy/db/testing";
import { createAuth } from "./auth";
import { createContext } from "./trpc";
import { addUser, BASE_URL, createWorld, errorOf, PASSWORD, type World } from "./test/world";

const ADMIN = { name: "Ada", email: "Ada@Example.com", password: "a long passphrase" };

describe.each(testTargets())("setup and sign-in on $name PostgreSQL", (target) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(target, { users: false });
  });
  afterAll(() => w?.drop());

  it("needs setup while there are no users", async () => {
    expect(await w.as(null).setup.status()).toEqual({ needsSetup: true });
  });

  it("refuses a short password with the policy in the message", async () => {
    const e = await errorOf(() => w.as(null).setup.createAdmin({ ...ADMIN, password: "short" }));
    expect(e.code).toBe("BAD_REQUEST");
    expect(e.message).toContain("at least 10 characters");
  });

  it("creates exactly one admin when two setups race", async () => {
    const results = await Promise.allSettled([
      w.as(null).setup.createAdmin(ADMIN),
      w.as(null).setup.createAdmin({ ...ADMIN, name: "Eve", email: "eve@example.com" }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0]?.reason as { code: string }).code).toBe("FORBIDDEN");
    const users = await w.db.sql<{ email: string; role: string }[]>`select email, role from auth_user`;
    expect(users).toHaveLength(1);
    expect(users[0]?.role).toBe("admin");
    expect(await w.as(null).setup.status()).toEqual({ needsSetup: false });
  });

  it("is closed once a user exists", async () => {
    const e = await errorOf(() => w.as(null).setup.createAdmin({ ...ADMIN, email: "late@example.com" }));
    expect(e).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("setup is already done") as string });
  });

  it("audits the setup as the system", async () => {
    const [row] = await w.db.sql<{ action: string; actor_kind: string; after: { role: string } }[]>`select * from audit_log where action = 'setup.createAdmin'`;
    expect(row).toMatchObject({ actor_kind: "system", after: { role: "admin" } });
  });

  it("signs the admin in through Better Auth, with a Lax HttpOnly cookie that resolves to the admin", async () => {
    const [admin] = await w.db.sql<{ email: string }[]>`select email from auth_user`;
    const email = admin?.email ?? "";
    // Both racers used the same password; either may have won.
    const signedIn = await w.auth.api.signInEmail({ body: { email: email.toUpperCase(), password: ADMIN.password }, returnHeaders: true });
    const cookie = signedIn.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/;\s*Secure/i);
    const sessionCookie = cookie.split(";")[0] ?? "";
    const ctx = await createContext({ headers: { cookie: sessionCookie, origin: BASE_URL, host: "localhost:3000" }, services: w.services });
    expect(ctx.user).toMatchObject({ email, role: "admin" });
    expect(ctx.origin).toEqual({ ok: true });
  });

  it("marks cookies Secure when the base URL is https", async () => {
    const [admin] = await w.db.sql<{ email: string }[]>`select email from auth_user where role = 'admin'`;
    const https = createAuth({ db: w.db.db, sql: w.db.sql, secret: "test-secret-test-secret-test-secret-0123", baseURL: "https://wippy.example.com" });
    const signedIn = await https.api.signInEmail({ body: { email: admin?.email ?? "", password: ADMIN.password }, returnHeaders: true });
    expect(signedIn.headers.get("set-cookie")).toMatch(/;\s*Secure/i);
  });

  it("refuses a wrong password", async () => {
    const [admin] = await w.db.sql<{ email: string }[]>`select email from auth_user`;
    await expect(w.auth.api.signInEmail({ body: { email: admin?.email ?? "", password: "not the password" } })).rejects.toMatchObject({ status: "UNAUTHORIZED" });
  });

  it("stores emails lower-case (Better Auth looks them up lower-cased)", async () => {
    const [admin] = await w.db.sql<{ email: string }[]>`select email from auth_user`;
    expect(admin?.email).toBe(admin?.email.toLowerCase());
  });

  it("does not let a user set their own role through Better Auth", async () => {
    const viewer = await addUser(w.services, "vic@example.com", "viewer");
    const signedIn = await w.auth.api.signInEmail({ body: { email: viewer.email, password: PASSWORD }, returnHeaders: true });
    const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const headers = new Headers({ cookie, origin: BASE_URL });
    // `role` is not an input field: the update is refused or the field ignored — either way the role stays.
    await w.auth.api.updateUser({ body: { role: "admin" } as { name?: string }, headers }).catch((error: unknown) => expect(error).toBeDefined());
    const [row] = await w.db.sql<{ role: string }[]>`select role from auth_user where id = ${viewer.id}`;
    expect(row?.role).toBe("viewer");
  });

  it("has public sign-up disabled", async () => {
    await expect(w.auth.api.signUpEmail({ body: { name: "M", email: "mallory@example.com", password: "a long passphrase" } })).rejects.toBeDefined();
    expect(await w.db.sql`select 1 from auth_user where email = 'mallory@example.com'`).toHaveLength(0);
  });

  it("resolves no user without a session cookie", async () => {
    const ctx = await createContext({ headers: {}, services: w.services });
    expect(ctx.user).toBeNull();
  });
});
