/**
 * Test support: a migrated database with the API's services over it, users of every role, and
 * a caller per role — routers are exercised through `createCaller` exactly as the server would
 * run them, minus HTTP. Nodes are a scripted fake (the real directory is the server's).
 */
import { RegistryStore } from "@wippy/db";
import { createTestDatabase, type TestDatabase, type TestTarget } from "@wippy/db/testing";
import type { JsonValue } from "@wippy/shared";
import { createAuth, type Auth } from "../auth";
import type { NodeCommand, NodeDirectory, NodeInfo, NodeReply } from "../nodes";
import type { OriginVerdict } from "../origin";
import { createCaller } from "../root";
import { ROLES, type Role, type SessionUser } from "../roles";
import type { ApiContext, ApiServices } from "../trpc";
import { createUser, hashNewUser } from "../users/new-user";
import { withUsersLock } from "../users/user-store";

export const BASE_URL = "http://localhost:3000";
export const PASSWORD = "correct horse battery";

export class FakeNodes implements NodeDirectory {
  readonly commands: { nodeId: string | undefined; command: NodeCommand; timeoutMs: number | undefined }[] = [];
  nodes: NodeInfo[] = [{ id: "n1", address: "host:1", registryVersion: 0, processes: 3, memory: 1024, startedAt: 1, heartbeatAt: 2 }];
  reply: NodeReply = { ok: true, value: null };

  async list(): Promise<NodeInfo[]> {
    return this.nodes;
  }

  async command(nodeId: string | undefined, command: NodeCommand, timeoutMs?: number): Promise<NodeReply> {
    this.commands.push({ nodeId, command, timeoutMs });
    return this.reply;
  }
}

export interface World {
  db: TestDatabase;
  auth: Auth;
  registry: RegistryStore;
  nodes: FakeNodes;
  services: ApiServices;
  /** One signed-in user per role (empty when created with `users: false`). */
  users: Partial<Record<Role, SessionUser>>;
  as(role: Role | null, origin?: OriginVerdict): ReturnType<typeof createCaller>;
  asUser(user: SessionUser | null, origin?: OriginVerdict): ReturnType<typeof createCaller>;
  drop(): Promise<void>;
}

export async function createWorld(target: TestTarget, opts: { users?: boolean } = {}): Promise<World> {
  const db = await createTestDatabase(target);
  const auth = createAuth({ db: db.db, sql: db.sql, secret: "test-secret-test-secret-test-secret-0123", baseURL: BASE_URL });
  const registry = new RegistryStore(db.sql);
  const nodes = new FakeNodes();
  const services: ApiServices = { sql: db.sql, db: db.db, registry, auth, nodes, trustedOrigins: [BASE_URL] };
  const users: Partial<Record<Role, SessionUser>> = {};
  if (opts.users ?? true) {
    for (const role of ROLES) users[role] = await addUser(services, `${role}@example.com`, role);
  }
  const asUser = (user: SessionUser | null, origin: OriginVerdict = { ok: true }) => {
    const ctx: ApiContext = { ...services, user, origin };
    return createCaller(ctx);
  };
  return {
    db,
    auth,
    registry,
    nodes,
    services,
    users,
    asUser,
    as: (role, origin) => asUser(role === null ? null : (users[role] ?? null), origin),
    drop: () => db.drop(),
  };
}

export async function addUser(services: ApiServices, email: string, role: Role, password = PASSWORD): Promise<SessionUser> {
  const prepared = await hashNewUser(services.auth, { email, name: email.split("@")[0] ?? email, password });
  const user = await withUsersLock(services.sql, (tx) => createUser(tx, prepared, role));
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** The code of a tRPC error thrown by `work`, or "OK". */
export async function codeOf(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
    return "OK";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

export async function errorOf(work: () => Promise<unknown>): Promise<{ code: string; message: string; cause: unknown }> {
  try {
    await work();
  } catch (error) {
    const e = error as { code: string; message: string; cause: unknown };
    return { code: e.code, message: e.message, cause: e.cause };
  }
  throw new Error("expected the call to fail, but it succeeded");
}

export const LUA_FUNCTION = `local function handler(name: string): string
  return "hello " .. name
end

return { handler = handler }
`;

export function luaFunction(id: string, source = LUA_FUNCTION, meta: Record<string, JsonValue> = {}) {
  return { id, kind: "function.lua", meta, data: { source, method: "handler" } };
}
