/**
 * Child specs — what a supervisor needs to know about one child, read from its registry entry
 * once (validated with the registry's kind schemas) and then trusted.
 *
 * Terms:
 * - `ServiceSpec`: a `process.service` with its `process.lua` entry.
 * - `SupervisorSpec`: a `process.supervisor` (or the root, which has no entry).
 * - `parent`: the supervisor the child hangs under (`meta.supervisor`, else the root).
 * - `fingerprint`: canonical JSON of everything whose change means "the child changed": its own
 *   entry without placement (`meta.supervisor`, `meta.order`) and, for a service, the code it
 *   runs (its process entry and the libraries that entry imports, transitively).
 *
 * In: entries. Out: specs with defaults applied, or an error message naming the bad field.
 */

import { canonicalJson, type Entry, type JsonObject } from "@wippy/shared";
import type { Lifecycle } from "../registry/lifecycle-schema";
import { processServiceSchema, processSupervisorSchema } from "../registry/kind-schemas";
import {
  DEFAULT_CHILD_LIFECYCLE,
  DEFAULT_CHILD_ORDER,
  DEFAULT_RESTART_POLICY,
  DEFAULT_SUPERVISED_RESTART_POLICY,
  DEFAULT_SUPERVISOR_CONFIG,
  DEFAULT_SUPERVISOR_STOP_TIMEOUT_MS,
  ms,
  ROOT_SUPERVISOR,
  type ChildLifecycle,
  type SupervisorStrategy,
} from "./terms";

interface SpecBase {
  readonly id: string;
  readonly parent: string;
  readonly order: number;
  readonly lifecycle: ChildLifecycle;
  readonly fingerprint: string;
}

export interface ServiceSpec extends SpecBase {
  readonly kind: "service";
  readonly entry: Entry;
  readonly process: Entry;
  readonly host: string;
  readonly input: readonly unknown[];
}

export interface SupervisorSpec extends SpecBase {
  readonly kind: "supervisor";
  readonly entry: Entry | null;
  readonly strategy: SupervisorStrategy;
  /** Restarts allowed per period; more within the period and the supervisor fails. */
  readonly intensity: number;
  readonly periodMs: number;
}

export type ChildSpec = ServiceSpec | SupervisorSpec;

export type Read<T> = { readonly ok: true; readonly spec: T } | { readonly ok: false; readonly message: string };

export const ROOT_SPEC: SupervisorSpec = Object.freeze({
  kind: "supervisor",
  id: ROOT_SUPERVISOR.id,
  parent: "",
  order: DEFAULT_CHILD_ORDER,
  lifecycle: { ...DEFAULT_CHILD_LIFECYCLE, autoStart: true },
  fingerprint: "",
  entry: null,
  strategy: ROOT_SUPERVISOR.strategy,
  intensity: ROOT_SUPERVISOR.intensity,
  periodMs: ROOT_SUPERVISOR.periodMs,
});

export function parentOf(entry: Entry): string {
  const parent = entry.meta["supervisor"];
  return typeof parent === "string" && parent.length > 0 ? parent : ROOT_SUPERVISOR.id;
}

export function orderOf(entry: Entry): number {
  const order = entry.meta["order"];
  return typeof order === "number" ? order : DEFAULT_CHILD_ORDER;
}

export function readServiceSpec(entry: Entry, process: Entry, code: string): Read<ServiceSpec> {
  const parsed = processServiceSchema.safeParse(entry.data);
  if (!parsed.success) return { ok: false, message: firstIssue(parsed.error.issues) };
  const parent = parentOf(entry);
  return {
    ok: true,
    spec: {
      kind: "service",
      id: entry.id,
      parent,
      order: orderOf(entry),
      lifecycle: readLifecycle(parsed.data.lifecycle ?? {}, parent, "service"),
      fingerprint: fingerprintOf(entry) + code,
      entry,
      process,
      host: parsed.data.host,
      input: parsed.data.input ?? [],
    },
  };
}

export function readSupervisorSpec(entry: Entry): Read<SupervisorSpec> {
  const parsed = processSupervisorSchema.safeParse(entry.data);
  if (!parsed.success) return { ok: false, message: firstIssue(parsed.error.issues) };
  const parent = parentOf(entry);
  const data = parsed.data;
  return {
    ok: true,
    spec: {
      kind: "supervisor",
      id: entry.id,
      parent,
      order: orderOf(entry),
      lifecycle: readLifecycle(data.lifecycle ?? {}, parent, "supervisor"),
      fingerprint: fingerprintOf(entry),
      entry,
      strategy: data.strategy ?? DEFAULT_SUPERVISOR_CONFIG.strategy,
      intensity: data.intensity ?? DEFAULT_SUPERVISOR_CONFIG.intensity,
      periodMs: data.period != null ? ms(data.period) : DEFAULT_SUPERVISOR_CONFIG.periodMs,
    },
  };
}

function readLifecycle(written: Lifecycle, parent: string, kind: ChildSpec["kind"]): ChildLifecycle {
  const base = parent === ROOT_SUPERVISOR.id ? DEFAULT_RESTART_POLICY : DEFAULT_SUPERVISED_RESTART_POLICY;
  const r = written.restart ?? {};
  const d = DEFAULT_CHILD_LIFECYCLE;
  const duration = (text: string | null | undefined, fallback: number): number => (text != null ? ms(text) : fallback);
  return {
    autoStart: written.auto_start ?? d.autoStart,
    dependsOn: [...new Set([...(written.depends_on ?? []), ...(written.requires ?? [])])],
    startTimeoutMs: duration(written.start_timeout, d.startTimeoutMs),
    stopTimeoutMs: duration(written.stop_timeout, kind === "supervisor" ? DEFAULT_SUPERVISOR_STOP_TIMEOUT_MS : d.stopTimeoutMs),
    stableThresholdMs: duration(written.stable_threshold, d.stableThresholdMs),
    restart: {
      initialDelayMs: duration(r.initial_delay, base.initialDelayMs),
      maxDelayMs: duration(r.max_delay, base.maxDelayMs),
      backoffFactor: r.backoff_factor ?? base.backoffFactor,
      jitter: r.jitter ?? base.jitter,
      maxAttempts: r.max_attempts ?? base.maxAttempts,
    },
    restartType: written.restart_type ?? d.restartType,
    onChange: written.on_change ?? d.onChange,
    onChangeExplicit: written.on_change != null,
  };
}

/** The entry without its placement: moving or reordering a child is not a change of the child. */
function fingerprintOf(entry: Entry): string {
  const { supervisor: _supervisor, order: _order, ...meta } = entry.meta as JsonObject;
  return canonicalJson({ id: entry.id, kind: entry.kind, meta, data: entry.data });
}

function firstIssue(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const issue = issues[0];
  if (issue === undefined) return "invalid data";
  const path = issue.path.map(String).join(".");
  return path === "" ? issue.message : `${path}: ${issue.message}`;
}
