/**
 * The supervisor's process body — a small TS behaviour that feeds kernel events to its core.
 *
 * Each supervisor (the root included) is a kernel process on the supervision host, trapping
 * links, so it has a pid, shows in the process table and is linked to its children exactly as
 * in OTP. Its body only pumps: it blocks on its events channel and hands each event to the
 * `SupervisorCore`, which holds all the logic. When the core asks to end (`exitRequest`, after
 * a shutdown or an escalation), the body returns that exit; the core then `wake()`s the body
 * if it was parked. `dispose` tells the core its process is gone, whatever the reason.
 *
 * In: EXIT / LINK_DOWN / CANCEL events. Out: `Step`s for the kernel.
 */

import { receiveCase, YIELD, type Behaviour, type BehaviourFactory, type ExitReason, type ProcessContext, type ProcessEvent, type Step, type Wake } from "../kernel";
import type { SupervisorCore } from "./supervisor-core";

class SupervisorBehaviour implements Behaviour {
  constructor(
    private readonly core: SupervisorCore,
    private readonly ctx: ProcessContext,
  ) {}

  resume(wake: Wake): Step {
    if (wake.kind === "start") this.core.attach(this.ctx);
    if (wake.kind === "selected" && wake.outcome.kind === "received" && wake.outcome.ok) {
      // The only case this body ever blocks on is its events channel.
      this.core.handleEvent(wake.outcome.value as ProcessEvent);
    }
    const events = this.ctx.events();
    for (;;) {
      const exit = this.core.exitRequest;
      if (exit !== null) return { kind: "exit", reason: exit };
      const next = events.tryReceive();
      if (next === null || !next.ok || next.value === undefined) break;
      this.ctx.charge(1);
      this.core.handleEvent(next.value);
      if (this.ctx.shouldYield() && this.core.exitRequest === null) return YIELD;
    }
    return { kind: "block", cases: [receiveCase(events)] };
  }

  dispose(reason: ExitReason): void {
    this.core.detach(reason);
  }
}

export function supervisorBehaviour(core: SupervisorCore): BehaviourFactory {
  return (ctx) => new SupervisorBehaviour(core, ctx);
}
