/**
 * The replay check of a change request (issue 9): for every `workflow.lua` whose code the
 * request changes — the entry itself or a library it imports — would its running runs replay
 * on the new code? Each running run's history is replayed against the code as it would be
 * after the change (`checkUpgrade` of @wippy/runtime/workflow, which writes nothing), so a
 * reviewer sees before approving whether running workflows would break (`diverged`, with
 * where) or carry on (`deterministic`). Runs keep their pinned code either way; this answers
 * whether an upgrade to the new code would be safe.
 *
 * In: the database, the registry, the request's operations. Out: one `WorkflowReplay` per
 * changed workflow, at most `DEFAULT_REPLAY_CHECK.runs` runs each (`more` says there are more).
 */
import { PgWorkflowStore, searchRuns, type RegistryStore, type Sql } from "@wippy/db";
import { bundleCode, checkUpgrade, codeHash, WORKFLOW_KIND, type EntryResolver } from "@wippy/runtime/workflow";
import { opEntryId, type ChangeOp, type Entry } from "@wippy/shared";
import { entriesAfter } from "./validate";

export const DEFAULT_REPLAY_CHECK = { runs: 20 } as const;

const CODE_KINDS: ReadonlySet<string> = new Set([WORKFLOW_KIND, "library.lua"]);

export interface RunReplay {
  runId: string;
  status: "deterministic" | "diverged" | "unchanged" | "refused";
  /** Why it diverged or was refused. */
  message: string | null;
  /** Events replayed (deterministic). */
  checkedThrough: number | null;
}

export interface WorkflowReplay {
  workflow: string;
  /** False when the change deletes the workflow (its running runs keep the code they pinned). */
  exists: boolean;
  runs: RunReplay[];
  more: boolean;
}

function hashOf(resolve: EntryResolver, id: string): string | null {
  const bundle = bundleCode(resolve, id);
  return bundle.ok ? codeHash(bundle.value) : null;
}

export async function replayChecks(sql: Sql, registry: Pick<RegistryStore, "snapshot">, ops: readonly ChangeOp[]): Promise<WorkflowReplay[]> {
  const current = (await registry.snapshot()).entries;
  const proposed = entriesAfter(current, ops);
  const isCode = (id: string) => CODE_KINDS.has(current.get(id)?.kind ?? "") || CODE_KINDS.has(proposed.get(id)?.kind ?? "");
  if (!ops.map(opEntryId).some(isCode)) return [];
  const now: EntryResolver = (id) => current.get(id);
  const next: EntryResolver = (id) => proposed.get(id);
  const workflows = new Set<string>();
  for (const map of [current, proposed]) for (const e of map.values() as Iterable<Entry>) if (e.kind === WORKFLOW_KIND) workflows.add(e.id);
  const store = new PgWorkflowStore(sql);
  const out: WorkflowReplay[] = [];
  for (const workflow of [...workflows].sort()) {
    if (hashOf(now, workflow) === hashOf(next, workflow)) continue;
    const page = await searchRuns(sql, { status: "running", workflow }, { limit: DEFAULT_REPLAY_CHECK.runs });
    const runs: RunReplay[] = [];
    for (const run of page.runs) {
      const check = await checkUpgrade({ store, resolveEntry: next }, run.id);
      runs.push({
        runId: run.id,
        status: check.status,
        message: check.status === "diverged" || check.status === "refused" ? check.error.message : null,
        checkedThrough: check.status === "deterministic" ? check.checkedThrough : null,
      });
    }
    out.push({ workflow, exists: proposed.get(workflow)?.kind === WORKFLOW_KIND, runs, more: page.next !== null });
  }
  return out;
}
