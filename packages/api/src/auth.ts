/**
 * The Better Auth instance: email + password sign-in, sessions in PostgreSQL.
 *
 * - Passwords are hashed with Better Auth's default scrypt (memory-hard); the same hasher is
 *   used when setup or an admin creates a user (`hashPassword`), so sign-in verifies them.
 * - Public sign-up is off: the first admin comes from first-run setup, everyone else from an
 *   admin (router/setup.ts, router/users.ts).
 * - `role` is an additional user field that no Better Auth endpoint accepts as input, so
 *   nobody can set their own role through `/update-user`.
 * - Cookies: SameSite=Lax and HttpOnly always, Secure when the base URL is https. With
 *   Better Auth's own origin check on its endpoints and ours on tRPC mutations (origin.ts),
 *   cross-site requests cannot act for a signed-in user.
 * - Sign-ins (also failed ones) and sign-outs are audited through its hooks (auth-audit.ts).
 * - Telemetry is off: these machines may be offline and nothing leaves them unasked.
 *
 * In: the drizzle database, the signing secret (control_settings `auth_secret`), the public
 * base URL and extra trusted origins. Out: the instance the server mounts at `/api/auth`.
 */
import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import type { Sql } from "postgres";
import { authAccount, authSession, authUser, authVerification, type Database } from "@wippy/db";
import { authAuditHooks } from "./auth-audit";
import { DEFAULT_ROLE } from "./roles";

export interface AuthOptions {
  db: Database;
  /** Where sign-ins and sign-outs are audited (auth-audit.ts). */
  sql: Sql;
  secret: string;
  /** Where browsers reach the control plane, e.g. `http://localhost:3000`. */
  baseURL: string;
  /** Other origins allowed to call the auth endpoints (besides `baseURL`). */
  trustedOrigins?: readonly string[];
}

/** The password policy, enforced by Better Auth and by our own user creation. */
export const PASSWORD_POLICY = { minLength: 10, maxLength: 128 } as const;

/**
 * Sign-in attempts per client address: enough for a team behind one NAT signing in together,
 * few enough that guessing passwords (at least 10 characters) from one address gets nowhere.
 * Better Auth's own default (3 per 10 s, only in production) would refuse the fourth teammate.
 */
export const SIGN_IN_RATE_LIMIT = { window: 10, max: 10 } as const;

/** The request header the server fills with the client's address (see `advanced.ipAddress`). */
export const CLIENT_IP_HEADER = "x-wippy-client-ip";

export function createAuth(opts: AuthOptions) {
  const secure = new URL(opts.baseURL).protocol === "https:";
  return betterAuth({
    appName: "Wippy",
    secret: opts.secret,
    baseURL: opts.baseURL,
    trustedOrigins: [...(opts.trustedOrigins ?? [])],
    database: drizzleAdapter(opts.db, {
      provider: "pg",
      schema: { user: authUser, session: authSession, account: authAccount, verification: authVerification },
      transaction: true,
    }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: PASSWORD_POLICY.minLength,
      maxPasswordLength: PASSWORD_POLICY.maxLength,
    },
    user: {
      additionalFields: {
        role: { type: "string", required: false, defaultValue: DEFAULT_ROLE, input: false },
      },
    },
    advanced: {
      useSecureCookies: secure,
      cookiePrefix: "wippy",
      defaultCookieAttributes: { sameSite: "lax", httpOnly: true, secure },
      // The control-plane server puts the connection's address here (and drops any value a
      // client sent under that name), so rate limits count per client, not for everyone.
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    rateLimit: { enabled: true, customRules: { "/sign-in/email": { ...SIGN_IN_RATE_LIMIT } } },
    hooks: authAuditHooks({ sql: opts.sql, ipHeader: CLIENT_IP_HEADER }),
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** Hashes a password exactly as this instance's sign-in will verify it. */
export async function hashPassword(auth: Auth, password: string): Promise<string> {
  const context = await auth.$context;
  return context.password.hash(password);
}
