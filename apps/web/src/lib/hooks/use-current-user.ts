"use client";
/** Who is signed in (from `session.me`, cached for every component) and what their role allows. */
import { useQuery } from "@tanstack/react-query";
import { hasRole, type Role } from "@/lib/roles";
import { useTRPC } from "@/lib/trpc";

export function useCurrentUser() {
  const trpc = useTRPC();
  const query = useQuery(trpc.session.me.queryOptions(undefined, { staleTime: 30_000 }));
  const user = query.data?.user ?? null;
  return {
    query,
    user,
    can: (required: Role) => hasRole(user?.role, required),
  };
}
