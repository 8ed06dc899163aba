/**
 * The people of the suite, one per role (the approver reviews change requests), and where their
 * signed-in browser state is kept.
 *
 * The admin is created by the first-run setup page; the others by that admin on the Users page
 * (specs/auth.setup.ts). Specs reuse the stored states (cookies) instead of signing in again.
 */
import path from "node:path";
import { E2E_DIR } from "./env";

export const ROLES = ["viewer", "operator", "editor", "approver", "admin"] as const;
export type Role = (typeof ROLES)[number];

export interface TestUser {
  role: Role;
  name: string;
  email: string;
  password: string;
}

export const USERS: Readonly<Record<Role, TestUser>> = {
  admin: { role: "admin", name: "Ada Admin", email: "ada.admin@example.com", password: "admin-pass-7f3k9q" },
  editor: { role: "editor", name: "Eddie Editor", email: "eddie.editor@example.com", password: "editor-pass-2m8x4w" },
  approver: { role: "approver", name: "Abby Approver", email: "abby.approver@example.com", password: "approver-pass-4q7v1d" },
  operator: { role: "operator", name: "Olga Operator", email: "olga.operator@example.com", password: "operator-pass-5t1z6" },
  viewer: { role: "viewer", name: "Vic Viewer", email: "vic.viewer@example.com", password: "viewer-pass-9c2n7r" },
};

export const AUTH_DIR = path.join(E2E_DIR, ".auth");

export function storageStateOf(role: Role): string {
  return path.join(AUTH_DIR, `${role}.json`);
}
