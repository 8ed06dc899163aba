/**
 * Refusals of workflow actions as tRPC errors: an operator action's `OperatorError`
 * (`@wippy/runtime/workflow` operator.ts) or a refused upgrade check. The message is the
 * engine's, which names the run and says why.
 */
import { TRPCError } from "@trpc/server";
import type { OperatorError, OperatorErrorKind } from "@wippy/runtime/workflow";
import type { WorkflowError } from "@wippy/shared";

type ErrorCode = TRPCError["code"];

const OPERATOR_CODES: Record<OperatorErrorKind, ErrorCode> = {
  NotFound: "NOT_FOUND",
  Ended: "CONFLICT",
  HostRequired: "BAD_REQUEST",
  Invalid: "BAD_REQUEST",
  AlreadyExists: "CONFLICT",
  Conflict: "CONFLICT",
  Failed: "INTERNAL_SERVER_ERROR",
};

export function operatorFailure(error: OperatorError): TRPCError {
  return new TRPCError({ code: OPERATOR_CODES[error.kind], message: error.message });
}

/**
 * An upgrade refused before any replay, as an operator refusal: an unknown run or workflow
 * entry (NotFound), a run that is not running or a workflow entry that is no longer a
 * workflow (Conflict: the state does not allow it), a run or code that moved on while it was
 * checked (Conflict: check again).
 */
export function upgradeRefusal(error: WorkflowError): OperatorError {
  const kind: OperatorErrorKind = error.kind === "NotFound" ? "NotFound" : error.kind === "Invalid" || error.kind === "Conflict" ? "Conflict" : "Failed";
  return { kind, message: error.message };
}
