/** Refusals of the change-request store as tRPC errors (Wippy's kinds → HTTP-ish codes). */
import { TRPCError } from "@trpc/server";
import type { ChangeRequestError, ChangeRequestErrorKind } from "@wippy/db";

const CODES: Record<ChangeRequestErrorKind, TRPCError["code"]> = {
  Invalid: "BAD_REQUEST",
  NotFound: "NOT_FOUND",
  Conflict: "CONFLICT",
  PermissionDenied: "FORBIDDEN",
};

export function changeRequestError(error: ChangeRequestError): TRPCError {
  return new TRPCError({ code: CODES[error.kind], message: error.message });
}
