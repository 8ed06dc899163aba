/**
 * Supervision vocabulary — every term and default, before any code (OTP `supervisor.erl` style).
 *
 * Terms:
 * - child: a `process.service` or a `process.supervisor` entry placed under a supervisor
 *   (`meta.supervisor`, or the node's root supervisor when absent).
 * - run: one process started for a child, from spawn to exit.
 * - streak: the runs in the current failure streak; a run that lasted `stable_threshold`
 *   starts a new streak. `max_attempts` bounds the streak (runs, the first included).
 * - exit class (from the EXIT event's result): `normal` (a value), `error` (an error that may
 *   be retried), `fatal` (an error with `retryable == false`).
 * - child states:
 *     stopped   not running: never started, or stopped on request
 *     starting  waiting for its dependencies, or spawned and its body not built yet
 *     running   its body was built (Lua loaded) and it has not exited
 *     stopping  cancelled ("service stopping"), waiting for it to return or `stop_timeout`
 *     exited    returned normally and is not restarted (a pending restart shows in the tree)
 *     failed    ended with an error and waits to be restarted
 *     terminal  ended and will not be restarted (non-retryable error, attempts used up,
 *               or a `temporary` child's error)
 * - root: the node's own supervisor, `ROOT_SUPERVISOR.id`, not a registry entry.
 */

import { DEFAULT_LIFECYCLE, type OnChangeMode, type RestartType } from "../registry/lifecycle-schema";
import { DEFAULT_SUPERVISOR, type SupervisorStrategy } from "../registry/kind-schemas";
import { parseDuration } from "@wippy/shared";

export type { OnChangeMode, RestartType, SupervisorStrategy };

export const CHILD_STATES = ["stopped", "starting", "running", "stopping", "exited", "failed", "terminal"] as const;
export type ChildState = (typeof CHILD_STATES)[number];

export type ExitClass = "normal" | "error" | "fatal";

/** What ends a run, from the supervisor's point of view (one clause per restart type × exit class). */
export type RestartDecision =
  | { readonly kind: "restart"; readonly streak: number }
  | { readonly kind: "exited" }
  | { readonly kind: "terminal"; readonly why: "fatal" | "temporary" | "attempts" };

export const SERVICE_KIND = "process.service";
export const SUPERVISOR_KIND = "process.supervisor";
export const PROCESS_KIND = "process.lua";

/** The reason children get with their CANCEL when a supervisor stops them (LUA_API.md, issue 5). */
export const STOP_REASON = "service stopping";

/** `meta.order` of a child that gives none. */
export const DEFAULT_CHILD_ORDER = 0;

export const ms = (duration: string): number => (parseDuration(duration) ?? 0) / 1e6;

/** Ends a `switch` over a union: a new variant becomes a compile error here. */
export function unreachable(value: never): never {
  throw new Error(`unexpected variant: ${JSON.stringify(value)}`);
}

export interface RestartPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly backoffFactor: number;
  /** 0..1: the delay is spread uniformly over ±jitter of itself. */
  readonly jitter: number;
  /** Runs in a streak, the first included; 0 = forever. */
  readonly maxAttempts: number;
}

/** A child's lifecycle with every default applied and every duration in ms. */
export interface ChildLifecycle {
  readonly autoStart: boolean;
  readonly dependsOn: readonly string[];
  readonly startTimeoutMs: number;
  readonly stopTimeoutMs: number;
  readonly stableThresholdMs: number;
  readonly restart: RestartPolicy;
  readonly restartType: RestartType;
  readonly onChange: OnChangeMode;
  /** Whether `on_change` was written: supervisors restart their subtree only when it says so. */
  readonly onChangeExplicit: boolean;
}

/** Wippy's service restart defaults (guides/supervision.md): root children use these. */
export const DEFAULT_RESTART_POLICY: RestartPolicy = Object.freeze({
  initialDelayMs: ms(DEFAULT_LIFECYCLE.restart.initial_delay),
  maxDelayMs: ms(DEFAULT_LIFECYCLE.restart.max_delay),
  backoffFactor: DEFAULT_LIFECYCLE.restart.backoff_factor,
  jitter: DEFAULT_LIFECYCLE.restart.jitter,
  maxAttempts: DEFAULT_LIFECYCLE.restart.max_attempts,
});

/** Children of a `process.supervisor` restart at once unless `initial_delay` says otherwise. */
export const DEFAULT_SUPERVISED_RESTART_POLICY: RestartPolicy = Object.freeze({ ...DEFAULT_RESTART_POLICY, initialDelayMs: 0 });

export const DEFAULT_CHILD_LIFECYCLE: ChildLifecycle = Object.freeze({
  autoStart: DEFAULT_LIFECYCLE.auto_start,
  dependsOn: [],
  startTimeoutMs: ms(DEFAULT_LIFECYCLE.start_timeout),
  stopTimeoutMs: ms(DEFAULT_LIFECYCLE.stop_timeout),
  stableThresholdMs: ms(DEFAULT_LIFECYCLE.stable_threshold),
  restart: DEFAULT_RESTART_POLICY,
  restartType: DEFAULT_LIFECYCLE.restart_type,
  onChange: DEFAULT_LIFECYCLE.on_change,
  onChangeExplicit: false,
});

/** A supervisor child's shutdown is bounded by its own children's: as OTP, it gets `infinity`. */
export const DEFAULT_SUPERVISOR_STOP_TIMEOUT_MS = Number.POSITIVE_INFINITY;

export const DEFAULT_SUPERVISOR_CONFIG = Object.freeze({
  strategy: DEFAULT_SUPERVISOR.strategy,
  intensity: DEFAULT_SUPERVISOR.intensity,
  periodMs: ms(DEFAULT_SUPERVISOR.period),
});

/**
 * The node's root supervisor. Its children are plain Wippy services governed by their own
 * restart policies (backoff, `max_attempts`), so it has no restart intensity: one flaky
 * top-level service must not take the node down.
 */
export const ROOT_SUPERVISOR = Object.freeze({
  id: "wippy:root",
  strategy: "one_for_one" as SupervisorStrategy,
  intensity: Number.POSITIVE_INFINITY,
  periodMs: DEFAULT_SUPERVISOR_CONFIG.periodMs,
});

export const DEFAULT_SUPERVISION = Object.freeze({
  /** The kernel host supervisor processes run on (created if the kernel lacks it). */
  systemHost: "wippy:supervision",
});
