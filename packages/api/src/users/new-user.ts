/**
 * The input for a new user, checked once at the edge (setup and users.create share it), and
 * the creation itself: password hashed by the auth instance (before any lock is taken), rows
 * written in the caller's locked transaction.
 */
import { TRPCError } from "@trpc/server";
import type { TransactionSql } from "postgres";
import { z } from "zod";
import { hashPassword, PASSWORD_POLICY, type Auth } from "../auth";
import type { Role } from "../roles";
import { findUserByEmail, insertUser, type NewUser, type UserRecord } from "./user-store";

export const passwordSchema = z
  .string()
  .min(PASSWORD_POLICY.minLength, { error: `the password must be at least ${PASSWORD_POLICY.minLength} characters long` })
  .max(PASSWORD_POLICY.maxLength, { error: `the password must be at most ${PASSWORD_POLICY.maxLength} characters long` });

export const newUserSchema = z.object({
  name: z.string().trim().min(1, { error: "a name is required" }).max(200),
  // Stored lower-case: Better Auth looks users up by the lower-cased email at sign-in.
  email: z
    .email({ error: "enter a valid email address" })
    .transform((e) => e.trim().toLowerCase()),
  password: passwordSchema,
});

export type NewUserInput = z.infer<typeof newUserSchema>;

/** Hashes the password first: scrypt is slow on purpose, and must not run while the users lock is held. */
export async function hashNewUser(auth: Auth, input: NewUserInput): Promise<Omit<NewUser, "role">> {
  return { email: input.email, name: input.name, passwordHash: await hashPassword(auth, input.password) };
}

export async function createUser(tx: TransactionSql, user: Omit<NewUser, "role">, role: Role): Promise<UserRecord> {
  if (await findUserByEmail(tx, user.email)) {
    throw new TRPCError({ code: "CONFLICT", message: `a user with email ${user.email} already exists` });
  }
  return insertUser(tx, { ...user, role });
}

/** What the audit log and responses show of a user: never the password or its hash. */
export function userSummary(user: UserRecord): { id: string; email: string; name: string; role: Role } {
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
