/**
 * Roles, ordered: viewer (reads) < operator (also process actions, running functions) < editor
 * (also registry writes, proposing changes) < approver (also approving or rejecting change
 * requests) < admin (also users). A role includes everything below it.
 *
 * Why approver sits above editor: approving applies a change to the registry, so an approver
 * must be someone who could make that change anyway — approving is never a way around a
 * role's limits. And it sits below admin so a team can let senior editors review without
 * giving them the user list. (Nobody approves their own change, whatever their role.)
 *
 * The role lives in `auth_user.role`; a value this code does not know grants nothing beyond a
 * viewer's reads (the column's default), so a typo in the database never widens access.
 */
import { z } from "zod";

export const ROLES = ["viewer", "operator", "editor", "approver", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const roleSchema = z.enum(ROLES, { error: `role must be one of ${ROLES.join(", ")}` });

export const DEFAULT_ROLE: Role = "viewer";

export function hasRole(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

export function toRole(value: unknown): Role {
  const parsed = roleSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_ROLE;
}

/** Who is signed in, as every procedure sees it. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}
