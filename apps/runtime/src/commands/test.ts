/**
 * `wippy test [dir]` (LUA_API §9): boot the app's `auto_start` services as `wippy run` does,
 * then run every `function.lua` with `meta.type: test` — grouped by `meta.suite`, ordered by
 * `meta.order` then id — each in its own process with a timeout. A test passes when it neither
 * raises nor returns `false` or an error. One line per failure, then `N passed, N failed`;
 * exit code 1 on any failure.
 */
import type { Entry } from "@wippy/shared";
import type { RuntimeNode } from "@wippy/runtime/node";
import type { CommandContext } from "../command";
import { defaultAuthor } from "../env";
import { startNode } from "../node";
import { CliError, EXIT } from "../output";
import { openSession } from "../session";
import { applyBeforeRunning } from "../sync";
import { cliActor } from "../cli-actor";
import { describeExitError } from "./run";

export const DEFAULT_TEST_TIMEOUT_MS = 30_000;
/** How long auto_start services get to reach `running` before tests start anyway. */
export const SERVICE_SETTLE_MS = 5_000;

export interface TestFlags {
  timeout: number;
  suite?: string;
  verbose?: boolean;
}

export interface TestOutcome {
  id: string;
  suite: string;
  ok: boolean;
  ms: number;
  error?: string;
}

export function orderTests(entries: readonly Entry[]): Entry[] {
  const suite = (e: Entry) => String(e.meta.suite ?? "");
  const order = (e: Entry) => (typeof e.meta.order === "number" ? e.meta.order : Number.MAX_SAFE_INTEGER);
  return [...entries].sort((a, b) => suite(a).localeCompare(suite(b)) || order(a) - order(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

async function settleServices(node: RuntimeNode): Promise<void> {
  const deadline = Date.now() + SERVICE_SETTLE_MS;
  const starting = () => JSON.stringify(node.tree()).includes('"state":"starting"');
  while (starting() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

async function runOne(node: RuntimeNode, entry: Entry, timeoutMs: number): Promise<TestOutcome> {
  const suite = String(entry.meta.suite ?? "");
  const started = Date.now();
  const done = (ok: boolean, error?: string): TestOutcome => ({ id: entry.id, suite, ok, ms: Date.now() - started, ...(error ? { error } : {}) });
  const run = node.call(entry.id);
  if (!run.ok) return done(false, run.error.message);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)));
  const result = await Promise.race([run.value.exit, timedOut]);
  clearTimeout(timer);
  if (result === "timeout") {
    node.kernel.terminate(run.value.pid);
    return done(false, `timed out after ${timeoutMs} ms`);
  }
  const error = describeExitError(result);
  if (error) return done(false, error);
  if ("value" in result && result.value === false) return done(false, "returned false");
  return done(true);
}

export async function testCommand({ env, out }: CommandContext, dir: string | undefined, flags: TestFlags): Promise<void> {
  const session = await openSession(env, out, { longRunning: true });
  let failed = 0;
  try {
    await applyBeforeRunning(session.store, dir, "test", { author: defaultAuthor(env), actor: cliActor() }, out);
    const started = await startNode(session, env);
    const node = started.node;
    const outcomes: TestOutcome[] = [];
    try {
      await settleServices(node);
      let tests = orderTests(node.view.find({ ".kind": "function.lua", "meta.type": "test" }).entries);
      if (flags.suite) tests = tests.filter((t) => String(t.meta.suite ?? "") === flags.suite);
      for (const entry of tests) {
        const outcome = await runOne(node, entry, flags.timeout);
        outcomes.push(outcome);
        if (!outcome.ok) {
          failed++;
          if (!out.json) process.stdout.write(`FAIL ${outcome.suite ? `${outcome.suite} › ` : ""}${outcome.id}: ${outcome.error}\n`);
        } else if (flags.verbose && !out.json) {
          process.stdout.write(`ok   ${outcome.suite ? `${outcome.suite} › ` : ""}${outcome.id} (${outcome.ms} ms)\n`);
        }
      }
    } finally {
      await started.stop();
    }
    const passed = outcomes.length - failed;
    // In JSON mode `ok` is false when a test failed; the document is still the whole report.
    out.result({ ok: failed === 0, passed, failed, tests: outcomes }, () => `${passed} passed, ${failed} failed`);
  } finally {
    await session.close();
  }
  if (failed > 0) throw new CliError(`${failed} test(s) failed`, EXIT.failure, undefined, true);
}
