/**
 * The structured problems the API attaches to some errors (`error.data.problem`, see
 * @wippy/api problems.ts): a stale save's conflict, diagnostics of an invalid entry, and the
 * entries that still refer to one being deleted or renamed.
 */
import type { ApiProblem, ConflictProblem, Diagnostic, Reference } from "@wippy/api";
import { errorData } from "./api-errors";

export function problemOf(error: unknown): ApiProblem | null {
  const problem = errorData(error)?.problem;
  return problem !== null && typeof problem === "object" && "kind" in problem ? (problem as ApiProblem) : null;
}

export function conflictOf(error: unknown): ConflictProblem | null {
  const problem = problemOf(error);
  return problem?.kind === "conflict" ? problem : null;
}

export function diagnosticsOf(error: unknown): Diagnostic[] {
  const problem = problemOf(error);
  return problem?.kind === "diagnostics" ? problem.diagnostics : [];
}

export function referrersOf(error: unknown): Reference[] {
  const problem = problemOf(error);
  return problem?.kind === "referenced" ? problem.referencedBy : [];
}

/** `line 3, column 5: message` / `data.method: message` */
export function describeDiagnostic(d: Diagnostic): string {
  const where = d.line !== undefined ? `line ${d.line}${d.column !== undefined ? `, column ${d.column}` : ""}` : d.path;
  return where ? `${where}: ${d.message}` : d.message;
}
