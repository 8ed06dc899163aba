/**
 * Users as the control plane manages them (Better Auth owns sign-in and sessions; we own who
 * exists and with which role). A user is an `auth_user` row plus a `credential` account
 * holding the password hash — the shape Better Auth's own sign-up writes, so sign-in works.
 *
 * Every change to the set of users or their roles runs in `withUsersLock`: a transaction that
 * first takes one advisory lock, so "are there zero users?" and "is this the last admin?" are
 * answered and acted on without a racing writer in between.
 */
import { randomUUID } from "node:crypto";
import type { Sql, TransactionSql } from "postgres";
import type { Role } from "../roles";
import { toRole } from "../roles";

/** `pg_advisory_xact_lock` key for user changes ("wippy_us"). */
export const USERS_LOCK_KEY = BigInt("0x77697070795f7573").toString();

export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: Date;
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  created_at: Date;
}

const toUser = (r: UserRow): UserRecord => ({ id: r.id, email: r.email, name: r.name, role: toRole(r.role), createdAt: r.created_at });

export async function withUsersLock<T>(sql: Sql, work: (tx: TransactionSql) => Promise<T>): Promise<T> {
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${USERS_LOCK_KEY})`;
    return work(tx);
  }) as Promise<T>;
}

export async function countUsers(sql: Sql | TransactionSql): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from auth_user`;
  return row?.n ?? 0;
}

export async function countAdmins(sql: Sql | TransactionSql): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from auth_user where role = 'admin'`;
  return row?.n ?? 0;
}

export async function listUsers(sql: Sql): Promise<UserRecord[]> {
  const rows = await sql<UserRow[]>`select id, email, name, role, created_at from auth_user order by email`;
  return rows.map(toUser);
}

export async function findUser(sql: Sql | TransactionSql, id: string): Promise<UserRecord | null> {
  const [row] = await sql<UserRow[]>`select id, email, name, role, created_at from auth_user where id = ${id}`;
  return row ? toUser(row) : null;
}

export async function findUserByEmail(sql: Sql | TransactionSql, email: string): Promise<UserRecord | null> {
  const [row] = await sql<UserRow[]>`select id, email, name, role, created_at from auth_user where email = ${email}`;
  return row ? toUser(row) : null;
}

export async function insertUser(tx: TransactionSql, user: NewUser): Promise<UserRecord> {
  const id = randomUUID();
  const [row] = await tx<UserRow[]>`
    insert into auth_user (id, name, email, email_verified, role) values (${id}, ${user.name}, ${user.email}, false, ${user.role})
    returning id, email, name, role, created_at`;
  await tx`
    insert into auth_account (id, account_id, provider_id, user_id, password)
    values (${randomUUID()}, ${id}, 'credential', ${id}, ${user.passwordHash})`;
  if (!row) throw new Error("insert into auth_user returned no row");
  return toUser(row);
}

export async function updateRole(tx: TransactionSql, id: string, role: Role): Promise<void> {
  await tx`update auth_user set role = ${role}, updated_at = now() where id = ${id}`;
}

/** Sessions and accounts go with the user (foreign keys cascade): a removed user is signed out. */
export async function deleteUser(tx: TransactionSql, id: string): Promise<void> {
  await tx`delete from auth_user where id = ${id}`;
}
