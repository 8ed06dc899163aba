/**
 * Upgrading a run to the current code (issue 6: "code changes under running workflows").
 *
 * A run keeps the code it started with. `checkUpgrade` reads the workflow's current code from
 * the registry and replays the run's whole history against it in a sandbox of its own,
 * writing nothing. `upgradeRun` does the same check and switches the run only when that
 * replay is deterministic — through `store.upgradeCode`, which also refuses if the run moved
 * on while it was being checked, and fences the node holding it (which replays on the new
 * code after claiming it again). Otherwise the report says where the new code diverges and
 * the run stays as it was.
 *
 * Checks: `unchanged` (already on this code), `deterministic` (the new code replays all
 * `checkedThrough` events; `ended`: it also reaches the recorded end), `diverged`
 * (`NonDeterminism`: entry, line, command, seq), `refused` (unknown or ended run, code that
 * cannot be read).
 * Reports: `upgraded` (from → to hash), `unchanged`, `diverged`, `refused` (as for a check, or
 * a conflict: the run or — with `expectedHash` — the code changed since; check again).
 *
 * In: the store, the registry, a run id. Out: an `UpgradeCheck` or an `UpgradeReport`.
 */
import type { RunRecord, WorkflowError, WorkflowStore } from "@wippy/shared";
import type { LuaLogger } from "../lua";
import type { PolicyIndex } from "../security";
import { bundleCode, bundleJson, codeHash, type CodeBundle, type EntryResolver } from "./code";
import { toWorkflowError } from "./json";
import { checkReplay } from "./replay";

export type UpgradeCheck =
  | { readonly status: "unchanged"; readonly runId: string; readonly hash: string }
  | { readonly status: "deterministic"; readonly runId: string; readonly fromHash: string; readonly toHash: string; readonly checkedThrough: number; readonly ended: boolean }
  | { readonly status: "diverged"; readonly runId: string; readonly fromHash: string; readonly toHash: string; readonly error: WorkflowError }
  | { readonly status: "refused"; readonly runId: string; readonly error: WorkflowError };

export type UpgradeReport =
  | { readonly status: "upgraded"; readonly runId: string; readonly fromHash: string; readonly toHash: string }
  | Exclude<UpgradeCheck, { status: "deterministic" }>;

export interface UpgradeDeps {
  readonly store: WorkflowStore;
  readonly resolveEntry: EntryResolver;
  readonly logger?: LuaLogger;
  /** The policies in force, for the replayed code's `security` module (a run with a context); default none. */
  readonly policies?: PolicyIndex;
}

export async function checkUpgrade(deps: UpgradeDeps, runId: string): Promise<UpgradeCheck> {
  return (await check(deps, runId)).result;
}

/** `expectedHash`: the code a person approved (from a check); other current code → `refused` (Conflict). */
export async function upgradeRun(deps: UpgradeDeps, runId: string, options: { expectedHash?: string } = {}): Promise<UpgradeReport> {
  const { store } = deps;
  const checked = await check(deps, runId);
  if (!checked.replayed) return checked.result;
  const { result, run, bundle } = checked;
  const { fromHash, toHash, checkedThrough } = result;
  if (options.expectedHash !== undefined && options.expectedHash !== toHash) {
    return refusal(runId, "Conflict", `the code of ${run.workflow} changed since it was checked (now ${toHash.slice(0, 12)}): check it again`);
  }
  await store.putCode(toHash, bundleJson(bundle));
  const switched = await store.upgradeCode(runId, { fromHash, toHash, checkedThrough });
  if (!switched.ok) return refusal(runId, switched.error.kind, switched.error.message);
  deps.logger?.info({ run: runId, from: fromHash, to: toHash }, `workflow run ${runId} upgraded to the current code of ${run.workflow}`);
  return { status: "upgraded", runId, fromHash, toHash };
}

/** A deterministic check comes with what switching needs: the run as checked and the new code. */
type Checked =
  | { readonly replayed: true; readonly result: Extract<UpgradeCheck, { status: "deterministic" }>; readonly run: RunRecord; readonly bundle: CodeBundle }
  | { readonly replayed: false; readonly result: Exclude<UpgradeCheck, { status: "deterministic" }> };

async function check(deps: UpgradeDeps, runId: string): Promise<Checked> {
  const { store } = deps;
  const run = await store.getRun(runId);
  if (run === undefined) return { replayed: false, result: refusal(runId, "NotFound", `workflow run ${runId} not found`) };
  if (run.status !== "running") return { replayed: false, result: refusal(runId, "Invalid", `workflow run ${runId} is ${run.status}; only running runs can be upgraded`) };
  const bundle = bundleCode(deps.resolveEntry, run.workflow);
  if (!bundle.ok) return { replayed: false, result: { status: "refused", runId, error: toWorkflowError(bundle.error) } };
  const toHash = codeHash(bundle.value);
  if (toHash === run.codeHash) return { replayed: false, result: { status: "unchanged", runId, hash: toHash } };
  const history = await store.history(runId);
  const replay = await checkReplay(bundle.value, run, history, deps.logger, deps.policies);
  if (!replay.ok) return { replayed: false, result: { status: "diverged", runId, fromHash: run.codeHash, toHash, error: replay.error } };
  const checkedThrough = history.at(-1)?.seq ?? 0;
  return { replayed: true, result: { status: "deterministic", runId, fromHash: run.codeHash, toHash, checkedThrough, ended: replay.ended }, run, bundle: bundle.value };
}

function refusal(runId: string, kind: string, message: string): Extract<UpgradeCheck, { status: "refused" }> {
  return { status: "refused", runId, error: { kind, message } };
}
