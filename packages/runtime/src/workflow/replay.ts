/**
 * Replay — running a run's code against its history until the history is used up.
 *
 * - `replay(sandbox, exec)`: alternately runs the code until it is quiet and delivers the next
 *   recorded resolution. Ends `live` (the history is used up and the code waits for
 *   something new — or issued new commands, now in the batch), `ended` (the code returned
 *   and matched the recorded end, or returned past the end), or `diverged`.
 * - `checkReplay(bundle, run, history)`: the same in a sandbox of its own, writing nothing —
 *   how an upgrade is checked and how golden histories are tested. The run's code acts with
 *   its context (from the history) against `policies` (default none).
 *
 * In: a sandbox and an execution, or code + run + history. Out: the step it stopped at, or
 * a check result (`NonDeterminism` with entry, line, command and seq when it diverged).
 */
import type { RunRecord, StoredEvent, WorkflowError } from "@wippy/shared";
import type { LuaLogger } from "../lua";
import type { PolicyIndex } from "../security";
import type { CodeBundle } from "./code";
import { Execution, type AdvanceStep } from "./execution";
import { toWorkflowError } from "./json";
import { WorkflowSandbox } from "./sandbox";

export async function replay(sandbox: WorkflowSandbox, exec: Execution): Promise<Exclude<AdvanceStep, "applied">> {
  for (;;) {
    await sandbox.runUntilQuiet(exec);
    const step = exec.advance();
    if (step !== "applied") return step;
  }
}

export type ReplayCheck = { readonly ok: true; readonly ended: boolean } | { readonly ok: false; readonly error: WorkflowError };

export async function checkReplay(bundle: CodeBundle, run: RunRecord, history: readonly StoredEvent[], logger?: LuaLogger, policies?: PolicyIndex): Promise<ReplayCheck> {
  const sandbox = new WorkflowSandbox(logger, undefined, policies === undefined ? undefined : () => policies);
  const exec = new Execution(run, bundle, history);
  const spawned = sandbox.spawn(exec);
  if (!spawned.ok) return { ok: false, error: toWorkflowError(spawned.error) };
  try {
    const step = await replay(sandbox, exec);
    if (step === "diverged" && exec.divergence !== null) return { ok: false, error: exec.divergence };
    return { ok: true, ended: step === "ended" };
  } finally {
    sandbox.stop(exec);
  }
}
