/**
 * Test support — a kernel on a simulated clock, a `Supervision` on it, entry builders and
 * generator bodies a test can steer. Used only by `*.test.ts` files in this folder.
 *
 * Bodies (chosen by the process entry's `data.body`; every body logs `start:<id>@<t>`):
 * - `worker`: waits; a message `normal` / `error` / `fatal` / `crash` makes it end that way;
 *   CANCEL makes it log `cancel:<id>@<t>:<reason>` and return.
 * - `stubborn`: as `worker`, but ignores CANCEL (so only `stop_timeout` ends it).
 * - `slow_stop`: as `worker`, but takes `input[0]` ms to return after CANCEL.
 * - `crasher`: fails with a retryable error after `input[0]` ms (0: at once).
 */

import type { Entry, JsonObject, JsonValue } from "@wippy/shared";
import {
  choose,
  fail,
  generatorBehaviour,
  Kernel,
  ok,
  Raised,
  receiveCase,
  settle,
  SimulatedClock,
  sleep,
  wippyError,
  type Body,
  type BodyGenerator,
  type Message,
  type Pid,
  type ProcessContext,
  type ProcessEvent,
  type Result,
} from "../kernel";
import type { ResolveBody } from "./core-env";
import type { SupervisorEvent } from "./events";
import { Supervision } from "./supervision";
import { ROOT_SUPERVISOR } from "./terms";
import type { SupervisorNode, TreeNode } from "./tree";

export const HOST = "app:processes";
export const EPOCH = 1_000;
export const ERRORS = {
  error: wippyError("Unavailable", "worker failed"),
  fatal: wippyError("Invalid", "worker cannot go on", { retryable: false }),
  crash: wippyError("", "worker crashed"),
};

export type ExitKind = "normal" | "error" | "crash" | "fatal" | "terminate";
export const EXIT_KINDS: readonly ExitKind[] = ["normal", "error", "crash", "fatal", "terminate"];

export function unwrap<T, E>(result: Result<T, E>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

// ── entries ─────────────────────────────────────────────────────────────────────────────

export interface ChildOptions {
  parent?: string;
  order?: number;
  lifecycle?: JsonObject;
  input?: JsonValue[];
}

const metaOf = (o: ChildOptions): JsonObject => ({ ...(o.parent && { supervisor: o.parent }), ...(o.order !== undefined && { order: o.order }) });

export const processEntry = (id: string, body: string): Entry => ({ id, kind: "process.lua", meta: {}, data: { source: `-- ${body}`, method: "main", body } });

export function service(id: string, body: string, o: ChildOptions = {}): Entry[] {
  const proc = `${id}_code`;
  const data: JsonObject = { process: proc, host: HOST, lifecycle: { auto_start: true, ...o.lifecycle } };
  if (o.input) data["input"] = o.input;
  return [processEntry(proc, body), { id, kind: "process.service", meta: metaOf(o), data }];
}

export function supervisor(id: string, strategy: string, o: ChildOptions & { intensity?: number; period?: string } = {}): Entry {
  const data: JsonObject = { strategy, lifecycle: { auto_start: true, ...o.lifecycle } };
  if (o.intensity !== undefined) data["intensity"] = o.intensity;
  if (o.period !== undefined) data["period"] = o.period;
  return { id, kind: "process.supervisor", meta: metaOf(o), data };
}

// ── bodies ──────────────────────────────────────────────────────────────────────────────

type Mode = "worker" | "stubborn" | "slow_stop";

function steerable(mode: Mode, log: string[]): Body {
  return function* (ctx: ProcessContext, ...args: unknown[]): BodyGenerator {
    log.push(`start:${ctx.id}@${ctx.clock.now()}`);
    for (;;) {
      const got = yield* choose([receiveCase(ctx.events()), receiveCase(ctx.inbox())]);
      if (got.kind !== "received" || !got.ok) return ok(null);
      if (got.index === 0) {
        const event = got.value as ProcessEvent;
        if (event.kind !== "pid.cancel" || mode === "stubborn") continue;
        log.push(`cancel:${ctx.id}@${ctx.clock.now()}:${event.reason ?? ""}`);
        if (mode === "slow_stop") yield* sleep(Number(args[0] ?? 0));
        return ok("cancelled");
      }
      switch ((got.value as Message).topic) {
        case "normal":
          return ok("done");
        case "error":
          return fail(ERRORS.error);
        case "fatal":
          return fail(ERRORS.fatal);
        case "crash":
          throw new Raised(ERRORS.crash);
      }
    }
  };
}

function crasher(log: string[]): Body {
  return function* (ctx: ProcessContext, ...args: unknown[]): BodyGenerator {
    log.push(`start:${ctx.id}@${ctx.clock.now()}`);
    const after = Number(args[0] ?? 0);
    if (after > 0) yield* sleep(after);
    return fail(ERRORS.error);
  };
}

function bodies(log: string[]): ResolveBody {
  const table: Record<string, Body> = {
    worker: steerable("worker", log),
    stubborn: steerable("stubborn", log),
    slow_stop: steerable("slow_stop", log),
    crasher: crasher(log),
  };
  return (_service, process) => {
    const body = table[String(process.data["body"])];
    return body === undefined ? fail(wippyError("NotFound", `no test body ${String(process.data["body"])}`)) : ok({ host: HOST, behaviour: generatorBehaviour(body) });
  };
}

// ── the harness ─────────────────────────────────────────────────────────────────────────

export function harness(options: { random?: () => number; upgrade?: (pid: Pid, entry: Entry) => Result<true> } = {}) {
  const clock = new SimulatedClock(EPOCH);
  const kernel = new Kernel({ clock });
  unwrap(kernel.hosts.add(HOST));
  const log: string[] = [];
  const events: SupervisorEvent[] = [];
  const sup = new Supervision({ kernel, resolveBody: bodies(log), publish: (e) => events.push(e), ...options });
  const h = {
    clock,
    kernel,
    sup,
    log,
    events,
    settle: (ms = 0): void => settle(kernel, clock, ms),
    apply(entries: Entry[]): void {
      unwrap(sup.reconcile(entries));
      h.settle();
    },
    node(id: string): TreeNode {
      const found = findNode(sup.tree(), id);
      if (found === undefined) throw new Error(`${id} is not in the tree`);
      return found;
    },
    pid(id: string): Pid {
      const pid = h.node(id).pid;
      if (pid === null) throw new Error(`${id} has no pid (state ${h.node(id).state})`);
      return pid;
    },
    /** Ends the current run of `id` the given way (the kernel runs nothing until `settle`). */
    exit(id: string, how: ExitKind): void {
      const pid = h.pid(id);
      unwrap(how === "terminate" ? kernel.terminate(pid) : kernel.send(pid, how));
    },
    /** Log lines of one kind (`start`, `cancel`) in order, without the time. */
    seen(kind: string): string[] {
      return log.filter((l) => l.startsWith(`${kind}:`)).map((l) => (l.split("@")[0] as string).slice(kind.length + 1));
    },
    eventsOf(path: string): string[] {
      return events.filter((e) => e.path === path).map((e) => e.kind);
    },
  };
  return h;
}

export type Harness = ReturnType<typeof harness>;

export function findNode(node: SupervisorNode, id: string): TreeNode | undefined {
  if (node.id === id) return node;
  for (const child of node.children) {
    if (child.id === id) return child;
    if (child.kind === "supervisor") {
      const found = findNode(child, id);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

export const ROOT = ROOT_SUPERVISOR.id;
