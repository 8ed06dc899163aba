"use client";
/**
 * The typed tRPC client for the control plane API (`@wippy/api`'s AppRouter), mounted by the
 * server at /api/trpc with superjson. Components call `useTRPC()` and pass its
 * `queryOptions` / `mutationOptions` to TanStack Query.
 */
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@wippy/api";
import superjson from "superjson";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export const TRPC_PATH = "/api/trpc";

export function createApiClient() {
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: TRPC_PATH, transformer: superjson })],
  });
}
