/**
 * Control-plane tables (issue 7): users and sessions, the audit log, and the settings and
 * servers the control plane and runtime nodes agree on through the database.
 *
 * - `auth_user` / `auth_session` / `auth_account` / `auth_verification`: Better Auth's core
 *   schema (its drizzle adapter reads and writes them; property names are its field names).
 *   `auth_user.role` is ours: viewer < operator < editor < admin. Passwords live in
 *   `auth_account.password` (provider `credential`), hashed by Better Auth with scrypt — a
 *   memory-hard hash.
 * - `audit_log`: one row per mutation, append-only: who (a user, an actor/process, the `wippy`
 *   command line or the system), what (`action` such as `registry.save`, and the `target`),
 *   when, and a before/after summary. `actor_kind` is plain text (no enum, no check), so a new
 *   kind needs no migration.
 * - `control_settings`: secrets generated once and shared by every server and node (the node
 *   token, the session-signing secret), so `wippy start` and docker-compose need no config.
 * - `control_servers`: live control-plane servers (heartbeat), so nodes find one to dial.
 */
import { sql } from "drizzle-orm";
import { bigserial, boolean, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { JsonValue } from "@wippy/shared";

const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const authUser = pgTable("auth_user", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text("image"),
  role: text("role").notNull().default("viewer"),
  createdAt: stamp("created_at").notNull().defaultNow(),
  updatedAt: stamp("updated_at").notNull().defaultNow(),
});

export const authSession = pgTable(
  "auth_session",
  {
    id: text("id").primaryKey(),
    token: text("token").notNull().unique(),
    userId: text("user_id")
      .notNull()
      .references(() => authUser.id, { onDelete: "cascade" }),
    expiresAt: stamp("expires_at").notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    createdAt: stamp("created_at").notNull().defaultNow(),
    updatedAt: stamp("updated_at").notNull().defaultNow(),
  },
  (t) => [index("auth_session_user_idx").on(t.userId)],
);

export const authAccount = pgTable(
  "auth_account",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => authUser.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: stamp("access_token_expires_at"),
    refreshTokenExpiresAt: stamp("refresh_token_expires_at"),
    scope: text("scope"),
    password: text("password"),
    createdAt: stamp("created_at").notNull().defaultNow(),
    updatedAt: stamp("updated_at").notNull().defaultNow(),
  },
  (t) => [index("auth_account_user_idx").on(t.userId)],
);

export const authVerification = pgTable("auth_verification", {
  id: text("id").primaryKey(),
  identifier: text("identifier").notNull(),
  value: text("value").notNull(),
  expiresAt: stamp("expires_at").notNull(),
  createdAt: stamp("created_at").notNull().defaultNow(),
  updatedAt: stamp("updated_at").notNull().defaultNow(),
});

export type AuditActorKind = "user" | "actor" | "cli" | "system";

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: stamp("at").notNull().defaultNow(),
    actorKind: text("actor_kind").$type<AuditActorKind>().notNull(),
    /** User id, the actor id of a process (its pid and entry go in `metadata`), or `user@host` for the CLI. */
    actorId: text("actor_id").notNull(),
    /** What a person reads: the user's email, `actor (pid, entry)`, or `user@host`. */
    actorName: text("actor_name").notNull(),
    action: text("action").notNull(),
    target: text("target").notNull().default(""),
    summary: text("summary").notNull().default(""),
    before: jsonb("before").$type<JsonValue>(),
    after: jsonb("after").$type<JsonValue>(),
    metadata: jsonb("metadata").$type<Record<string, JsonValue>>().notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_actor_idx").on(t.actorId, t.at), index("audit_log_action_idx").on(t.action, t.at)],
);

export const controlSettings = pgTable("control_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  createdAt: stamp("created_at").notNull().defaultNow(),
});

export const controlServers = pgTable("control_servers", {
  id: text("id").primaryKey(),
  /** Where runtime nodes reach this server (its socket.io endpoint's origin). */
  url: text("url").notNull(),
  startedAt: stamp("started_at").notNull().defaultNow(),
  heartbeatAt: stamp("heartbeat_at").notNull().defaultNow(),
});
