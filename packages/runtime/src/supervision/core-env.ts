/**
 * CoreEnv — what one supervisor needs from the node around it, and how a body plugs in.
 *
 * Terms:
 * - `ServiceBody`: what runs for a service — a kernel host, a `BehaviourFactory` and its args
 *   (default: the service's `input`). The Lua layer builds it from the service's `process.lua`
 *   entry; tests pass generator behaviours.
 * - `ResolveBody(service, process)`: returns the body, or an expected failure (`Result`) that
 *   counts as a failed run (retried per policy unless `retryable == false`).
 * - `Upgrade(pid, entry)`: hot upgrade of a running service in place (`on_change: upgrade`); a
 *   failure falls back to a restart.
 * - The rest is the node's: the plan, dependency readiness, events, change notices, and the
 *   factory for the supervisor of a nested `process.supervisor`.
 *
 * In: nothing (an interface). Out: the seam between `SupervisorCore` and `Supervision`.
 */

import type { Entry } from "@wippy/shared";
import type { BehaviourFactory, Clock, Pid, Result } from "../kernel";
import type { ChildSpec, ServiceSpec, SupervisorSpec } from "./child-spec";
import type { Publish } from "./events";
import type { Plan } from "./plan";
import type { SupervisorCore } from "./supervisor-core";
import type { ChildState } from "./terms";

export interface ServiceBody {
  readonly host: string;
  readonly behaviour: BehaviourFactory;
  readonly args?: readonly unknown[];
}

export type ResolveBody = (service: Entry, process: Entry) => Result<ServiceBody>;

export type Upgrade = (pid: Pid, entry: Entry) => Result<true>;

/** A child (or a supervisor) changed state; the tree can be read again. */
export interface SupervisionChange {
  readonly id: string;
  readonly supervisor: string;
  readonly state: ChildState;
  readonly pid: Pid | null;
  readonly at: number;
}

export interface CoreEnv {
  readonly clock: Clock;
  readonly random: () => number;
  readonly systemHost: string;
  readonly publish: Publish;
  readonly upgrade: Upgrade | undefined;
  plan(): Plan;
  resolveBody(spec: ServiceSpec): Result<ServiceBody>;
  dependenciesReady(spec: ChildSpec): boolean;
  /** A child reached `running`: children waiting on it may start. */
  childRunning(id: string): void;
  changed(change: SupervisionChange): void;
  /** A supervisor for a nested `process.supervisor`, started by the supervisor `parent`. */
  createCore(spec: SupervisorSpec, parent: Pid): SupervisorCore;
  coreStarted(core: SupervisorCore): void;
  coreEnded(core: SupervisorCore): void;
}
