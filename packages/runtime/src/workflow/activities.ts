/**
 * Activities — how the engine runs the work a workflow asks for, outside the sandbox.
 *
 * Terms:
 * - `ActivityCall`: one attempt of an activity command: the target entry, its args, the
 *   recorded options, and the run, command and attempt it belongs to.
 * - `ActivityRunner`: starts attempts; `done` settles with the attempt's outcome (never
 *   rejects: failures are `{error}`), `cancel()` abandons it (the outcome is then ignored).
 * - `LuaActivityRunner`: an attempt is a normal function call on the node — the entry
 *   (`function.lua`, or `process.lua` with `meta.default_host`) runs as its own process on its
 *   default host, else on `defaultHost`, with the recorded context plus `workflow_id`,
 *   `idempotency_key` (`<run id>/<command>`, the same for every attempt and every node) and
 *   `activity_attempt` (`ctx.get(...)` inside), and `node_id` (the node running this attempt)
 *   when the runner knows it. A per-attempt timeout terminates it with a retryable `Timeout`.
 * - Security: an attempt is a call by the run — `funcs.call` on the activity is checked
 *   against the run's actor and scope (refused: `PermissionDenied`, not retried), and the
 *   function runs with them, as a function call inherits its caller's.
 *
 * At-least-once: an attempt that was running when its node died runs again elsewhere; an
 * activity with side effects should use `idempotency_key`.
 */
import type { ActivityOptions, JsonValue } from "@wippy/shared";
import { receiveCase, select, SelectWaiter, wippyError, type ExitEvent, type SelectOutcome } from "../kernel";
import type { LuaRuntime } from "../lua";
import type { Resolution } from "../lua/modules/workflow";
import { authorizeContext } from "../lua/modules/security/authorize";
import type { SecurityContext } from "../security";

export interface ActivityCall {
  readonly runId: string;
  /** The run's pid: the caller (`meta.pid` of the check). */
  readonly pid: string;
  /** The run's actor and scope: the call is checked against them, and the function runs with them. */
  readonly security?: SecurityContext;
  readonly command: number;
  readonly attempt: number;
  readonly activity: string;
  readonly args: JsonValue[];
  readonly options: ActivityOptions;
}

export interface RunningActivity {
  readonly done: Promise<Resolution>;
  cancel(): void;
}

export interface ActivityRunner {
  start(call: ActivityCall): RunningActivity;
}

const CALLABLE = new Set(["function.lua", "process.lua"]);

const refused = (kind: "NotFound" | "Invalid", message: string): RunningActivity => ({
  done: Promise.resolve({ error: wippyError(kind, message, { retryable: false }) }),
  cancel: () => undefined,
});

export function activityContext(call: ActivityCall, nodeId?: string): Record<string, JsonValue> {
  const context: Record<string, JsonValue> = { ...call.options.context, workflow_id: call.runId, idempotency_key: `${call.runId}/${call.command}`, activity_attempt: call.attempt };
  if (nodeId !== undefined) context.node_id = nodeId;
  return context;
}

export class LuaActivityRunner implements ActivityRunner {
  constructor(
    private readonly runtime: LuaRuntime,
    private readonly defaultHost: string,
    private readonly nodeId?: string,
  ) {}

  start(call: ActivityCall): RunningActivity {
    // Before the entry is looked up, as for a function call: a refusal does not tell whether it exists.
    const denied = authorizeContext(this.runtime.policies(), call.security, call.pid, "funcs.call", call.activity);
    if (denied !== null) return { done: Promise.resolve({ error: denied }), cancel: () => undefined };
    const entry = this.runtime.resolveEntry(call.activity);
    if (entry === undefined) return refused("NotFound", `function ${call.activity} not found`);
    if (!CALLABLE.has(entry.kind)) return refused("Invalid", `${call.activity} is a ${entry.kind}, not a function`);
    const own = typeof entry.meta.default_host === "string" && entry.meta.default_host !== "" ? entry.meta.default_host : undefined;
    if (entry.kind === "process.lua" && own === undefined) return refused("Invalid", `${call.activity} is a process.lua without meta.default_host, so it cannot be called as a function`);
    const kernel = this.runtime.kernel;
    const pid = this.runtime.spawn(call.activity, own ?? this.defaultHost, call.args, { context: activityContext(call, this.nodeId), security: call.security });
    if (!pid.ok) return { done: Promise.resolve({ error: pid.error }), cancel: () => undefined };
    const exits = kernel.awaitExit(pid.value);
    if (!exits.ok) return { done: Promise.resolve({ error: exits.error }), cancel: () => undefined };
    let timedOut = false;
    const timer =
      call.options.timeoutMs === undefined
        ? undefined
        : kernel.clock.setTimer(call.options.timeoutMs, {
            fire: () => {
              timedOut = true;
              kernel.terminate(pid.value);
            },
          });
    const done = new Promise<Resolution>((resolve) => {
      const settle = (outcome: SelectOutcome): void => {
        timer?.cancel();
        const result = outcome.kind === "received" ? (outcome.value as ExitEvent).result : { error: wippyError("Internal", "activity exit lost") };
        if (timedOut) resolve({ error: wippyError("Timeout", `activity ${call.activity} timed out after ${call.options.timeoutMs}ms`, { retryable: true }) });
        else resolve(result.error !== undefined ? { error: result.error } : { value: result.value });
      };
      const now = select([receiveCase(exits.value)], { onSelected: settle });
      if (!(now instanceof SelectWaiter)) settle(now);
    });
    return { done, cancel: () => void kernel.terminate(pid.value) };
  }
}
