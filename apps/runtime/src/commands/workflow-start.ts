/**
 * `wippy workflow start <workflow> [args…]`: start a durable run from the command line, as
 * `process.spawn` on a `workflow.host` does from Lua. The run is written to the store; any
 * node serving the host picks it up (new runs are announced, and nodes also poll).
 *
 * Terms: `args` are JSON values, one per argument (`'{"qty": 2}'`, `5`, `'"text"'`); `--host`
 * defaults to the registry's only `workflow.host`; `--id` is the business id (`workflow.id`),
 * `--policy` its conflict policy (`use_existing` by default with an id, as in Lua).
 *
 * Audited as `workflows.start` in the transaction that writes the run (as the control plane's
 * start), also when an existing run with the id makes it a no-op.
 */
import { auditedWorkflowAction, workflowStartAudit } from "@wippy/db";
import { RealClock } from "@wippy/runtime/kernel";
import { CONFLICT_POLICIES, startWorkflowRun } from "@wippy/runtime/workflow";
import type { ConflictPolicy, JsonValue } from "@wippy/shared";
import { cliActor } from "../cli-actor";
import type { CommandContext } from "../command";
import { CliError, EXIT } from "../output";
import { withSession } from "../session";
import { operatorError } from "./workflow";

export interface StartRunFlags {
  host?: string;
  id?: string;
  policy?: string;
}

export function parseArgs(texts: readonly string[]): JsonValue[] {
  return texts.map((text, i) => {
    try {
      return JSON.parse(text) as JsonValue;
    } catch (error) {
      throw new CliError(`argument ${i + 1} must be JSON (e.g. 5, '"text"' or '{"n": 1}'): ${(error as Error).message}`, EXIT.usage);
    }
  });
}

export async function startRunCommand({ env, out }: CommandContext, workflow: string, argTexts: readonly string[], flags: StartRunFlags): Promise<void> {
  const args = parseArgs(argTexts);
  if (flags.policy !== undefined && !CONFLICT_POLICIES.includes(flags.policy as ConflictPolicy)) {
    throw new CliError(`--policy must be one of ${CONFLICT_POLICIES.join(", ")}, got "${flags.policy}"`, EXIT.usage);
  }
  await withSession(env, out, async ({ sql, store: registry }) => {
    const { entries, warnings } = await registry.find({});
    for (const w of warnings) out.warn(w);
    const request = { workflow, args, host: flags.host, id: flags.id, policy: flags.policy as ConflictPolicy | undefined };
    const started = await auditedWorkflowAction(
      sql,
      cliActor(),
      (store) => startWorkflowRun({ store, entries, clock: new RealClock() }, request),
      (run) => workflowStartAudit(request, run),
    );
    if (!started.ok) throw operatorError(started.error);
    const { pid, runId, created } = started.value;
    out.result({ pid, id: runId, created }, () => (created ? `started workflow run ${runId} (pid ${pid})` : `workflow run ${runId} already exists (pid ${pid}); nothing started`));
  });
}
