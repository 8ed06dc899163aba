/**
 * Upgrading a run to the current code (issue 6: "code changes under running workflows").
 *
 * A run keeps the code it started with. `upgradeRun` reads the workflow's current code from
 * the registry, replays the run's whole history against it in a sandbox of its own (writing
 * nothing), and switches the run only when that replay is deterministic — through
 * `store.upgradeCode`, which also refuses if the run moved on while it was being checked, and
 * fences the node holding it (which replays on the new code after claiming it again).
 * Otherwise the report says where the new code diverges and the run stays as it was.
 *
 * Reports: `upgraded` (from → to hash), `unchanged` (already on this code), `diverged`
 * (`NonDeterminism`: entry, line, command, seq), `refused` (unknown or ended run, code that
 * cannot be read, or a conflict — try again).
 *
 * In: the store, the registry, a run id. Out: an `UpgradeReport`.
 */
import type { WorkflowError, WorkflowStore } from "@wippy/shared";
import type { LuaLogger } from "../lua";
import { bundleCode, bundleJson, codeHash, type EntryResolver } from "./code";
import { toWorkflowError } from "./json";
import { checkReplay } from "./replay";

export type UpgradeReport =
  | { readonly status: "upgraded"; readonly runId: string; readonly fromHash: string; readonly toHash: string }
  | { readonly status: "unchanged"; readonly runId: string; readonly hash: string }
  | { readonly status: "diverged"; readonly runId: string; readonly error: WorkflowError }
  | { readonly status: "refused"; readonly runId: string; readonly error: WorkflowError };

export interface UpgradeDeps {
  readonly store: WorkflowStore;
  readonly resolveEntry: EntryResolver;
  readonly logger?: LuaLogger;
}

export async function upgradeRun(deps: UpgradeDeps, runId: string): Promise<UpgradeReport> {
  const { store } = deps;
  const refused = (kind: string, message: string): UpgradeReport => ({ status: "refused", runId, error: { kind, message } });
  const run = await store.getRun(runId);
  if (run === undefined) return refused("NotFound", `workflow run ${runId} not found`);
  if (run.status !== "running") return refused("Invalid", `workflow run ${runId} is ${run.status}; only running runs can be upgraded`);
  const bundle = bundleCode(deps.resolveEntry, run.workflow);
  if (!bundle.ok) return { status: "refused", runId, error: toWorkflowError(bundle.error) };
  const toHash = codeHash(bundle.value);
  if (toHash === run.codeHash) return { status: "unchanged", runId, hash: toHash };
  const history = await store.history(runId);
  const check = await checkReplay(bundle.value, run, history, deps.logger);
  if (!check.ok) return { status: "diverged", runId, error: check.error };
  await store.putCode(toHash, bundleJson(bundle.value));
  const switched = await store.upgradeCode(runId, { fromHash: run.codeHash, toHash, checkedThrough: history.at(-1)?.seq ?? 0 });
  if (!switched.ok) return refused(switched.error.kind, switched.error.message);
  deps.logger?.info({ run: runId, from: run.codeHash, to: toHash }, `workflow run ${runId} upgraded to the current code of ${run.workflow}`);
  return { status: "upgraded", runId, fromHash: run.codeHash, toHash };
}
