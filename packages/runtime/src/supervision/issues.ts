/**
 * Supervision issues — why a set of entries cannot be run, as values (never thrown).
 *
 * Terms (one code per way a version would break the running system):
 * - `invalid_entry`: a service or supervisor whose data does not fit its kind.
 * - `missing_process`: a service whose `process` is absent or not a `process.lua`.
 * - `missing_supervisor`: a child whose `meta.supervisor` is absent or not a `process.supervisor`.
 * - `missing_dependency`: `depends_on` / `requires` naming an entry that does not exist.
 * - `dependency_cycle`: dependencies (with "a child needs its supervisor") that loop.
 * - `supervisor_cycle`: supervisors placed under each other in a loop.
 * Every issue names the entry it is about and, in `ids`, every entry involved.
 *
 * In: what the checks found. Out: `SupervisionIssue` values and one line per issue.
 */

export const ISSUE_CODES = [
  "invalid_entry",
  "missing_process",
  "missing_supervisor",
  "missing_dependency",
  "dependency_cycle",
  "supervisor_cycle",
] as const;

export type IssueCode = (typeof ISSUE_CODES)[number];

export interface SupervisionIssue {
  readonly code: IssueCode;
  readonly entry: string;
  readonly ids: readonly string[];
  readonly message: string;
}

export const issue = (code: IssueCode, entry: string, message: string, ids: readonly string[] = [entry]): SupervisionIssue => ({
  code,
  entry,
  ids,
  message: `${entry}: ${message}`,
});

export function formatIssues(issues: readonly SupervisionIssue[]): string {
  return issues.map((i) => `${i.code}: ${i.message}`).join("\n");
}
