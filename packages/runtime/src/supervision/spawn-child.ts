/**
 * Spawning one run of a child, as its supervisor's process (linked and monitored, as OTP's
 * `start_link` under a trapping supervisor).
 *
 * Terms:
 * - service run: the body from `resolveBody`, on the host it names, with its args (default:
 *   the entry's `input`).
 * - supervisor run: a new `SupervisorCore` in a supervisor process on the supervision host.
 * - built: the behaviour factory is wrapped so that, when the kernel builds the body on the
 *   run's first turn (for Lua: the code loaded), `onBuilt(pid)` is called — that is when a run
 *   counts as `running`. A factory that throws never gets there: the kernel makes it a crash.
 *
 * In: the supervisor's context, the record, the env. Out: the pid, or why the run could not start.
 */

import type { BehaviourFactory, Pid, ProcessContext, Result } from "../kernel";
import type { ChildRecord } from "./child-record";
import type { CoreEnv } from "./core-env";
import { supervisorBehaviour } from "./supervisor-behaviour";

export function spawnChild(ctx: ProcessContext, env: CoreEnv, r: ChildRecord, onBuilt: (pid: Pid) => void): Result<Pid> {
  const spec = r.spec;
  const announce =
    (factory: BehaviourFactory): BehaviourFactory =>
    (child, args) => {
      const body = factory(child, args);
      onBuilt(child.pid);
      return body;
    };
  if (spec.kind === "supervisor") {
    const core = env.createCore(spec, ctx.pid);
    r.core = core;
    return ctx.spawn({ host: env.systemHost, behaviour: announce(supervisorBehaviour(core)), id: spec.id, link: true, monitor: true, trapLinks: true });
  }
  const body = env.resolveBody(spec);
  if (!body.ok) return body;
  return ctx.spawn({
    host: body.value.host,
    behaviour: announce(body.value.behaviour),
    args: body.value.args ?? spec.input,
    id: spec.id,
    link: true,
    monitor: true,
  });
}
