/**
 * Test support — a kernel on a simulated clock with one host, an exit recorder and small
 * helpers. Used only by `*.test.ts` files in this folder; not part of the public surface.
 */

import type { ProcessContext, SpawnSpec } from "./behaviour";
import { ok, type Result } from "./errors";
import type { ProcessEvent } from "./events";
import type { ExitReason } from "./exit";
import { generatorBehaviour, receive, type Body, type BodyGenerator } from "./generator-behaviour";
import type { HostConfig } from "./host";
import { Kernel } from "./kernel";
import type { Pid } from "./pid";
import { settle } from "./simulation";
import { SimulatedClock } from "./simulated-clock";

export const HOST = "app:processes";
export const EPOCH = 1_000;

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

export function setup(host: Partial<HostConfig> = {}) {
  const clock = new SimulatedClock(EPOCH);
  const exits = new Map<Pid, ExitReason>();
  const kernel = new Kernel({ clock, observer: { exited: (pid, _id, reason) => void exits.set(pid, reason) } });
  unwrap(kernel.hosts.add(HOST, host));
  return {
    clock,
    kernel,
    exits,
    spawn: (body: Body, extra: Partial<SpawnSpec> = {}): Pid => unwrap(kernel.spawn({ host: HOST, behaviour: generatorBehaviour(body), ...extra })),
    settle: (ms = 0): void => settle(kernel, clock, ms),
    alive: (pid: Pid): boolean => kernel.info(pid).ok,
  };
}

/** A body that reads its inbox until it is closed (i.e. waits until killed). */
export function* idle(ctx: ProcessContext): BodyGenerator {
  for (;;) {
    const { ok: open } = yield* receive(ctx.inbox());
    if (!open) return ok(null);
  }
}

/** A body that appends every event it receives to `seen`. */
export function* recordEvents(ctx: ProcessContext, seen: ProcessEvent[]): BodyGenerator {
  for (;;) {
    const { value, ok: open } = yield* receive(ctx.events());
    if (!open || value === undefined) return ok(null);
    seen.push(value);
  }
}
