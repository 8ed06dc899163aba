/**
 * Test fixtures for this folder's suites (imported only by `*.test.ts`): a stored code hash,
 * runs started with it, one-run claims, events with a workflow time, and a short sleep for
 * tests where the database clock is the thing under test (lease expiry).
 */
import type { Lease, NewRun, RunRecord, TimedEvent, WorkflowStore } from "@wippy/shared";

export const CODE = "code-1";
export const CODE_2 = "code-2";

export async function storeCode(store: WorkflowStore): Promise<void> {
  await store.putCode(CODE, { source: "return function() end" });
  await store.putCode(CODE_2, { source: "return function() return 2 end" });
}

export function newRun(id: string, extra: Partial<NewRun> = {}): NewRun {
  return { id, workflow: "app:flow", host: "app:workflows", codeHash: CODE, input: [{ n: 1 }], ...extra };
}

export async function startOrThrow(store: WorkflowStore, id: string, extra: Partial<NewRun> = {}): Promise<RunRecord> {
  const started = await store.startRun(newRun(id, extra), "fail");
  if (!started.ok) throw new Error(`startRun ${id}: ${started.error.message}`);
  return started.value.run;
}

/** Claims until `runId` is among the leases (other due runs are claimed too). */
export async function claimOrThrow(store: WorkflowStore, owner: string, runId: string, leaseMs = 30_000): Promise<Lease> {
  for (let i = 0; i < 100; i++) {
    const leases = await store.claimRuns(owner, leaseMs, 1_000);
    const lease = leases.find((l) => l.runId === runId);
    if (lease) return lease;
    if (leases.length === 0) break;
  }
  throw new Error(`${owner} could not claim workflow run ${runId}`);
}

let clock = 1_700_000_000_000;

/** A side-effect event with a fresh workflow time (`at`) and `value` to tell writers apart. */
export function sideEffect(command: number, value: string | number = command): TimedEvent {
  return { type: "side_effect", command, name: "random", value, at: (clock += 1.5) };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
