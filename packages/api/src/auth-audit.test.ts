/**
 * Sign-in, a failed sign-in and sign-out each leave one audit record, through Better Auth's
 * hooks (auth-audit.ts), with the client's address when the server passed it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@wippy/db";
import { testTargets } from "@wippy/db/testing";
import { CLIENT_IP_HEADER } from "./auth";
import { addUser, BASE_URL, createWorld, PASSWORD, type World } from "./test/world";

describe.each(testTargets())("sign-in audit on $name PostgreSQL", (target) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(target, { users: false });
  });
  afterAll(() => w?.drop());

  it("records a sign-in with the user and the client's address", async () => {
    const user = await addUser(w.services, "sam@example.com", "viewer");
    await w.auth.api.signInEmail({ body: { email: user.email, password: PASSWORD }, headers: new Headers({ [CLIENT_IP_HEADER]: "203.0.113.7" }) });
    const [row] = await listAudit(w.db.sql, { action: "auth.signIn" });
    expect(row).toMatchObject({ actor: { kind: "user", id: user.id, name: user.email }, action: "auth.signIn", target: user.email, metadata: { ip: "203.0.113.7" } });
  });

  it("records a failed sign-in as anonymous, with the email tried and the status", async () => {
    await expect(w.auth.api.signInEmail({ body: { email: "sam@example.com", password: "not the password" } })).rejects.toMatchObject({ status: "UNAUTHORIZED" });
    await expect(w.auth.api.signInEmail({ body: { email: "nobody@example.com", password: "whatever it is" } })).rejects.toBeDefined();
    const rows = await listAudit(w.db.sql, { action: "auth.signInFailed" });
    expect(rows.map((r) => r.target)).toEqual(["nobody@example.com", "sam@example.com"]);
    expect(rows[1]).toMatchObject({ actor: { kind: "system", id: "anonymous" }, metadata: { status: 401 } });
    expect(rows[1]?.summary).not.toBe("");
    // A failed attempt is not recorded as a sign-in.
    expect(await listAudit(w.db.sql, { action: "auth.signIn" })).toHaveLength(1);
  });

  it("records a sign-out under the user who signed out", async () => {
    const user = await addUser(w.services, "tess@example.com", "editor");
    const signedIn = await w.auth.api.signInEmail({ body: { email: user.email, password: PASSWORD }, returnHeaders: true });
    const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    await w.auth.api.signOut({ headers: new Headers({ cookie, origin: BASE_URL }) });
    const [row] = await listAudit(w.db.sql, { action: "auth.signOut" });
    expect(row).toMatchObject({ actor: { kind: "user", id: user.id }, target: user.email });
    // A sign-out without a session names nobody and records nothing.
    await w.auth.api.signOut({ headers: new Headers({ origin: BASE_URL }) });
    expect(await listAudit(w.db.sql, { action: "auth.signOut" })).toHaveLength(1);
  });
});
