/**
 * Problems the API reports with more than a message, so the UI can act on them (merge a
 * conflict, place markers, list who refers to an entry). A procedure throws a `TRPCError`
 * whose `cause` is an `ApiProblemError`; the error formatter (trpc.ts) copies the problem into
 * `error.data.problem` for clients.
 *
 * Terms:
 * - `conflict`: a save against `baseVersion` while the entry changed later (at `theirsVersion`):
 *   `base` is the entry as of `baseVersion`, `theirs` is it now (null when deleted), `yours` is
 *   what was submitted. Nothing was written.
 * - `diagnostics`: the entry (or YAML text, or Lua source) is invalid; each diagnostic has a
 *   line/column (text) and/or a field path (`data.source`, `meta.supervisor`).
 * - `referenced`: the entry cannot be deleted or renamed while these entries refer to it.
 */
import { TRPCError } from "@trpc/server";
import type { Entry, RegistryError } from "@wippy/shared";
import type { Reference } from "./registry/references";

export interface Diagnostic {
  severity: "error" | "warning";
  message: string;
  line?: number;
  column?: number;
  /** Field path rooted at `data` or `meta`, e.g. `data.lifecycle.restart.max_delay`. */
  path?: string;
}

export interface ConflictProblem {
  kind: "conflict";
  entryId: string;
  baseVersion: number;
  theirsVersion: number;
  base: Entry | null;
  theirs: Entry | null;
  yours: Entry | null;
}

export type ApiProblem =
  | ConflictProblem
  | { kind: "diagnostics"; diagnostics: Diagnostic[] }
  | { kind: "referenced"; entryId: string; referencedBy: Reference[] };

export class ApiProblemError extends Error {
  constructor(
    readonly problem: ApiProblem,
    message: string,
  ) {
    super(message);
    this.name = "ApiProblemError";
  }
}

type ErrorCode = TRPCError["code"];

export function problemError(code: ErrorCode, problem: ApiProblem, message: string): TRPCError {
  return new TRPCError({ code, message, cause: new ApiProblemError(problem, message) });
}

/** A registry `Result` failure as the matching tRPC error. */
export function registryError(error: RegistryError): TRPCError {
  return new TRPCError({ code: REGISTRY_CODES[error.kind], message: error.message });
}

const REGISTRY_CODES: Record<RegistryError["kind"], ErrorCode> = {
  Invalid: "BAD_REQUEST",
  NotFound: "NOT_FOUND",
  AlreadyExists: "CONFLICT",
  Conflict: "CONFLICT",
};
