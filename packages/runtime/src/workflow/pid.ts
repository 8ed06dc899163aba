/**
 * Workflow pids — a run's pid is `{<workflow host>|<run id>}`: derived from the run id alone,
 * so it is the same on every node and after every takeover, unlike a kernel pid whose serial
 * is per kernel. Run ids must be non-empty and free of `{`, `}` and `|` (they appear in pids).
 *
 * In: a host and a run id, or a pid. Out: the pid, or the run id and host it names.
 */
import { parsePid } from "../kernel";

const FORBIDDEN = /[{}|]/;

export function checkRunId(id: string): string | null {
  if (id.length === 0) return "a workflow id must not be empty";
  if (FORBIDDEN.test(id)) return `workflow id "${id}" must be free of { } |`;
  return null;
}

export function workflowPid(host: string, runId: string): string {
  return `{${host}|${runId}}`;
}

/** The host and run id a workflow pid names (any pid parses; the caller knows its workflow hosts). */
export function parseWorkflowPid(pid: string): { host: string; runId: string } | undefined {
  const parsed = parsePid(pid);
  return parsed === undefined ? undefined : { host: parsed.host, runId: parsed.serial };
}
