/**
 * Roles as the UI sees them: viewer < operator < editor < approver < admin. The server checks every call;
 * the UI only uses these to hide or disable what a role cannot do. (The same order as
 * @wippy/api's roles.ts; the UI imports only types from that package, which is server code.)
 */
export const ROLES = ["viewer", "operator", "editor", "approver", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** True when `role` is `required` or above. Unknown roles can do nothing. */
export function hasRole(role: string | null | undefined, required: Role): boolean {
  if (!isRole(role)) return false;
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

export const ROLE_ABILITIES: Record<Role, string> = {
  viewer: "read everything",
  operator: "also run functions and act on processes",
  editor: "also change the registry and propose changes",
  approver: "also approve or reject change requests",
  admin: "also manage users",
};
