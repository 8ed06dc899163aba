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
 * - `treeConflict`: a supervision-tree save against `baseVersion` while entries of the tree
 *   (`changed`) were changed after it; the registry is now at `currentVersion`. Nothing was written.
 * - `invalidTree`: the registry would not run with the change (a cycle, a service without its
 *   process or host, …): the runtime's own check, one `TreeProblem` per problem.
 * - `reviewRequired`: a review rule covers these entries for people: the write was refused and
 *   must be proposed as a change request (needing `approvals` approvals).
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

/** Why a version would not run, on the entry it is reported on (`ids`: every entry involved). */
export interface TreeProblem {
  entry: string;
  ids: string[];
  message: string;
}

export type ApiProblem =
  | ConflictProblem
  | { kind: "diagnostics"; diagnostics: Diagnostic[] }
  | { kind: "referenced"; entryId: string; referencedBy: Reference[] }
  | { kind: "treeConflict"; baseVersion: number; currentVersion: number; changed: string[] }
  | { kind: "invalidTree"; problems: TreeProblem[] }
  | { kind: "reviewRequired"; entries: string[]; rules: string[]; approvals: number };

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
