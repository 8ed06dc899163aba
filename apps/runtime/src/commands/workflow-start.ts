/**
 * `wippy workflow start <workflow> [args…]`: start a durable run from the command line, as
 * `process.spawn` on a `workflow.host` does from Lua. The run is written to the store; any
 * node serving the host picks it up (new runs are announced, and nodes also poll).
 *
 * Terms: `args` are JSON values, one per argument (`'{"qty": 2}'`, `5`, `'"text"'`); `--host`
 * defaults to the registry's only `workflow.host`; `--id` is the business id (`workflow.id`),
 * `--policy` its conflict policy (`use_existing` by default with an id, as in Lua).
 */
import { PgWorkflowStore } from "@wippy/db";
import { RealClock } from "@wippy/runtime/kernel";
import { CONFLICT_POLICIES, WorkflowClient, WORKFLOW_HOST_KIND } from "@wippy/runtime/workflow";
import type { ConflictPolicy, Entry, JsonValue } from "@wippy/shared";
import type { CommandContext } from "../command";
import { CliError, EXIT } from "../output";
import { withSession } from "../session";

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

function chooseHost(entries: readonly Entry[], wanted: string | undefined): string {
  const hosts = entries.filter((e) => e.kind === WORKFLOW_HOST_KIND).map((e) => e.id);
  if (wanted !== undefined) {
    if (!hosts.includes(wanted)) throw new CliError(`${wanted} is not a workflow.host in the registry (workflow hosts: ${hosts.join(", ") || "none"})`, EXIT.notFound);
    return wanted;
  }
  if (hosts.length === 1) return hosts[0]!;
  if (hosts.length === 0) throw new CliError("the registry has no workflow.host entry to run the workflow on", EXIT.notFound);
  throw new CliError(`the registry has several workflow hosts (${hosts.join(", ")}): choose one with --host`, EXIT.usage);
}

export async function startRunCommand({ env, out }: CommandContext, workflow: string, argTexts: readonly string[], flags: StartRunFlags): Promise<void> {
  const args = parseArgs(argTexts);
  if (flags.policy !== undefined && !CONFLICT_POLICIES.includes(flags.policy as ConflictPolicy)) {
    throw new CliError(`--policy must be one of ${CONFLICT_POLICIES.join(", ")}, got "${flags.policy}"`, EXIT.usage);
  }
  await withSession(env, out, async ({ sql, store: registry }) => {
    const { entries, warnings } = await registry.find({});
    for (const w of warnings) out.warn(w);
    const byId = new Map<string, Entry>(entries.map((e) => [e.id, e]));
    const host = chooseHost(entries, flags.host);
    const client = new WorkflowClient({ store: new PgWorkflowStore(sql), resolveEntry: (id) => byId.get(id), clock: new RealClock() });
    const started = await client.spawn(workflow, host, args, { id: flags.id, conflictPolicy: flags.policy as ConflictPolicy | undefined });
    if (!started.ok) {
      const { kind, message } = started.error;
      const code = kind === "NotFound" ? EXIT.notFound : kind === "Invalid" ? EXIT.invalid : kind === "Conflict" || kind === "AlreadyExists" ? EXIT.conflict : EXIT.failure;
      throw new CliError(`cannot start ${workflow}: ${message}`, code);
    }
    const { pid, runId, created } = started.value;
    out.result({ pid, id: runId, created }, () => (created ? `started workflow run ${runId} (pid ${pid})` : `workflow run ${runId} already exists (pid ${pid}); nothing started`));
  });
}
