/** The `next` page to return to after sign-in: a path on this site only, never another origin. */
export function safeNextPath(next: string | null | undefined, fallback = "/registry"): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return fallback;
  if (next.startsWith("/sign-in") || next.startsWith("/setup")) return fallback;
  return next;
}
