/**
 * The tRPC layer as the server runs it, over HTTP (fetch adapter): the origin check on
 * mutations, and the error shape clients read (`data.problem`, `data.issues`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { testTargets } from "@wippy/db/testing";
import { checkRequestOrigin } from "./origin";
import { appRouter } from "./root";
import type { ApiContext } from "./trpc";
import { BASE_URL, createWorld, luaFunction, type World } from "./test/world";

describe.each(testTargets())("tRPC over HTTP on $name PostgreSQL", (target) => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld(target);
    await w.as("editor").registry.create({ entry: luaFunction("app:hello") });
  });
  afterAll(() => w?.drop());

  const post = async (path: string, input: unknown, origin: string): Promise<{ status: number; body: { error?: { json: { data: Record<string, unknown>; message: string } } } }> => {
    const req = new Request(`${BASE_URL}/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin, host: "localhost:3000" },
      body: JSON.stringify(superjson.serialize(input)),
    });
    const res = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req,
      router: appRouter,
      // The editor is signed in; the origin verdict comes from the request, as createContext computes it.
      createContext: (): ApiContext => ({ ...w.services, user: w.users.editor ?? null, origin: checkRequestOrigin(req.headers, w.services.trustedOrigins) }),
    });
    return { status: res.status, body: (await res.json()) as { error?: { json: { data: Record<string, unknown>; message: string } } } };
  };

  it("refuses a mutation from another site, whoever is signed in", async () => {
    const res = await post("registry.delete", { id: "app:hello" }, "https://evil.example");
    expect(res.status).toBe(403);
    expect(res.body.error?.json.message).toContain("cross-site request refused");
    expect(await w.registry.get("app:hello")).not.toBeNull();
  });

  it("lets queries through from anywhere (they change nothing) but checks mutations only", async () => {
    const caller = w.asUser(w.users.viewer ?? null, { ok: false, reason: "cross-site request refused" });
    expect((await caller.registry.get({ id: "app:hello" })).entry.id).toBe("app:hello");
    await expect(caller.registry.checkLua({ source: "return 1" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("carries the three-way conflict to the client in data.problem", async () => {
    await w.as("admin").registry.save({ id: "app:hello", baseVersion: 1, entry: { ...luaFunction("app:hello"), meta: { by: "admin" } } });
    const res = await post("registry.save", { id: "app:hello", baseVersion: 1, entry: { ...luaFunction("app:hello"), meta: { by: "editor" } } }, BASE_URL);
    expect(res.status).toBe(409);
    expect(res.body.error?.json.data.problem).toMatchObject({ kind: "conflict", baseVersion: 1, theirsVersion: 2, theirs: { meta: { by: "admin" } }, yours: { meta: { by: "editor" } } });
  });

  it("carries input validation issues in data.issues", async () => {
    const res = await post("registry.save", { id: "not an id", baseVersion: -1, entry: { kind: "" } }, BASE_URL);
    expect(res.status).toBe(400);
    expect(res.body.error?.json.data.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: "id", message: "entry id must be namespace:name" })]));
  });
});
