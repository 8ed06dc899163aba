/**
 * The TanStack Query client: one per browser tab (a fresh one per server render, which never
 * fetches here: pages load their data in the browser). Expected API refusals are not retried.
 */
import { QueryClient } from "@tanstack/react-query";
import { errorCode } from "./api-errors";

const NO_RETRY = new Set(["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "BAD_REQUEST", "CONFLICT", "PRECONDITION_FAILED"]);

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        retry: (failures, error) => !NO_RETRY.has(errorCode(error) ?? "") && failures < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
}

let browserClient: QueryClient | undefined;

export function getQueryClient(): QueryClient {
  if (typeof window === "undefined") return makeQueryClient();
  browserClient ??= makeQueryClient();
  return browserClient;
}
