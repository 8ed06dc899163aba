/**
 * Test support: the control plane from the outside, as a browser would use it — first-run
 * setup and user creation through tRPC over HTTP, Better Auth sign-in (its session cookie), and
 * the `/ui` socket with that cookie. Self-contained (fetch + socket.io-client, no imports from
 * the server or packages/api), so the runtime's tests use it against a server process too.
 */
import { io, type Socket } from "socket.io-client";

export interface TestUser {
  readonly email: string;
  readonly name: string;
  readonly password: string;
}

export type TestRole = "viewer" | "operator" | "editor" | "admin";

export const testUser = (role: TestRole): TestUser => ({ email: `${role}@wippy.test`, name: `The ${role}`, password: `${role}-password-123` });

/** A tRPC mutation over HTTP (superjson wire format); throws with the server's message on error. */
export async function trpcMutation(url: string, path: string, input: unknown, cookie?: string): Promise<unknown> {
  const res = await fetch(`${url}/api/trpc/${path}`, {
    method: "POST",
    // As a browser would: its own origin on every state-changing request.
    headers: { "content-type": "application/json", origin: url, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ json: input }),
  });
  const body = (await res.json()) as { result?: { data?: { json?: unknown } }; error?: { json?: { message?: string } } };
  if (!res.ok || body.error) throw new Error(`${path}: ${res.status} ${body.error?.json?.message ?? JSON.stringify(body)}`);
  return body.result?.data?.json;
}

/** A tRPC query over HTTP (GET, superjson wire format); throws with the status and message on error. */
export async function trpcQuery(url: string, path: string, input: unknown, cookie?: string): Promise<unknown> {
  const res = await fetch(`${url}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, { headers: cookie ? { cookie } : {} });
  const body = (await res.json()) as { result?: { data?: { json?: unknown } }; error?: { json?: { message?: string } } };
  if (!res.ok || body.error) throw new Error(`${path}: ${res.status} ${body.error?.json?.message ?? JSON.stringify(body)}`);
  return body.result?.data?.json;
}

/** Signs in with Better Auth and returns the `cookie` header a browser would send next. */
export async function signIn(url: string, user: TestUser): Promise<string> {
  const res = await fetch(`${url}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  if (!res.ok) throw new Error(`sign-in as ${user.email}: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(";")[0]);
  if (cookies.length === 0) throw new Error(`sign-in as ${user.email} set no cookie`);
  return cookies.join("; ");
}

/**
 * First-run setup makes the admin; the admin makes one user per other role; each signs in.
 * Returns cookies by role. A production server rate-limits sign-ins per address (Better Auth:
 * a few per 10 s), so tests against a server process sign in only the roles they use.
 */
export async function createUsers(url: string, signInAs: readonly TestRole[] = ["viewer", "operator", "editor", "admin"]): Promise<Partial<Record<TestRole, string>>> {
  const admin = testUser("admin");
  await trpcMutation(url, "setup.createAdmin", admin);
  const adminCookie = await signIn(url, admin);
  const cookies: Partial<Record<TestRole, string>> = signInAs.includes("admin") ? { admin: adminCookie } : {};
  for (const role of ["viewer", "operator", "editor"] as const) {
    await trpcMutation(url, "users.create", { ...testUser(role), role }, adminCookie);
    if (signInAs.includes(role)) cookies[role] = await signIn(url, testUser(role));
  }
  return cookies;
}

export interface UiNode {
  id: string;
  address: string;
  registryVersion: number;
  processes: number;
  memory: number;
  startedAt: number;
  heartbeatAt: number;
}

export type UiAck<T> = ({ ok: true } & T) | { ok: false; kind: string; message: string };
export type UiReply = { ok: true; value: unknown } | { ok: false; kind: string; message: string; traceback?: string };

export interface UiClient {
  readonly socket: Socket;
  list(): Promise<UiAck<{ nodes: UiNode[] }>>;
  subscribe(): Promise<UiAck<{ nodes: UiNode[] }>>;
  command(request: { nodeId?: string; command: { type: string; [field: string]: unknown }; timeoutMs?: number }): Promise<UiAck<{ reply: UiReply }>>;
  /** Any other event with an ack (`supervision:subscribe`, …). */
  ask<T>(event: string, ...args: unknown[]): Promise<T>;
  close(): void;
}

/** Connects to `/ui` with a session cookie (or none); rejects with the server's refusal. */
export function connectUi(url: string, cookie?: string, headers: Record<string, string> = {}): Promise<UiClient> {
  // forceNew: its own connection, never one shared with a node socket in the same process
  // (socket.io-client multiplexes namespaces of one origin, with the first one's headers).
  const socket = io(`${url}/ui`, { forceNew: true, transports: ["websocket"], reconnection: false, extraHeaders: { ...headers, ...(cookie ? { cookie } : {}) } });
  const ask = <T>(event: string, ...args: unknown[]): Promise<T> => socket.timeout(15_000).emitWithAck(event, ...args) as Promise<T>;
  return new Promise((resolve, reject) => {
    socket.once("connect", () =>
      resolve({
        socket,
        list: () => ask("nodes:list"),
        subscribe: () => ask("nodes:subscribe"),
        command: (request) => ask("nodes:command", request),
        ask,
        close: () => void socket.disconnect(),
      }),
    );
    socket.once("connect_error", (error) => {
      socket.disconnect();
      reject(error);
    });
  });
}

/** Polls `probe` until it returns something defined. */
export async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error; // retried until the deadline; reported if it never succeeds
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ""}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
