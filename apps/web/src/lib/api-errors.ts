/**
 * Reading API failures: the tRPC error code (UNAUTHORIZED, FORBIDDEN, CONFLICT, …), a message
 * fit for people, and the data a stale save carries.
 */
import { TRPCClientError } from "@trpc/client";

export type ApiErrorCode = "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "BAD_REQUEST" | "PRECONDITION_FAILED" | "TIMEOUT" | "INTERNAL_SERVER_ERROR" | (string & {});

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
}

export function errorCode(error: unknown): ApiErrorCode | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const code = record(error.data)?.code;
  return typeof code === "string" ? code : undefined;
}

export function errorMessage(error: unknown): string {
  const code = errorCode(error);
  if (code === "UNAUTHORIZED") return "You are signed out. Sign in again.";
  if (code === "FORBIDDEN") return "Your role does not allow this.";
  if (error instanceof TRPCClientError && /fetch|network/i.test(error.message) && !code) return "Cannot reach the control plane server.";
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong.";
}

/** Extra fields the server put on an error's `data` (e.g. `conflict`, `references`). */
export function errorData(error: unknown): Record<string, unknown> | undefined {
  return error instanceof TRPCClientError ? record(error.data) : undefined;
}
