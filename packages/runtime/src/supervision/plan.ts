/**
 * Plan — the desired supervision tree for one set of registry entries.
 *
 * Terms:
 * - `specs`: every service and supervisor, by id (the root is `ROOT_SPEC`, not in here).
 * - `children`: per supervisor id, its children in start order. Start order is a topological
 *   order of dependencies (dependencies first) that is otherwise `meta.order` then id. A
 *   dependency between two subtrees orders the siblings that contain them, so stopping in
 *   reverse start order stops dependents before their dependencies across the whole tree.
 * - `planSupervision(entries)` refuses a set that cannot run, with every issue found
 *   (`issues.ts`); it is what hot-apply calls before a version is committed and before applying.
 *
 * In: all registry entries (other kinds are read for process code and dependencies).
 * Out: `Result<Plan, SupervisionIssue[]>`.
 */

import { canonicalJson, type Entry } from "@wippy/shared";
import { fail, ok, type Result } from "../kernel";
import { readServiceSpec, readSupervisorSpec, ROOT_SPEC, type ChildSpec, type Read, type SupervisorSpec } from "./child-spec";
import { orderAfter } from "./graph";
import { issue, type SupervisionIssue } from "./issues";
import { PROCESS_KIND, ROOT_SUPERVISOR, SERVICE_KIND, SUPERVISOR_KIND } from "./terms";
import { checkDependencies, checkPlacement } from "./validate";

export interface Plan {
  readonly specs: ReadonlyMap<string, ChildSpec>;
  readonly children: ReadonlyMap<string, readonly ChildSpec[]>;
}

export const EMPTY_PLAN: Plan = Object.freeze({ specs: new Map(), children: new Map() });

export function planSupervision(entries: Iterable<Entry>): Result<Plan, readonly SupervisionIssue[]> {
  const byId = new Map<string, Entry>();
  for (const entry of entries) byId.set(entry.id, entry);
  const specs = new Map<string, ChildSpec>();
  const issues: SupervisionIssue[] = [];
  for (const entry of byId.values()) {
    const read = readSpec(entry, byId);
    if (read === null) continue;
    if (read.ok) specs.set(entry.id, read.spec);
    else issues.push(read.issue);
  }
  issues.push(...checkPlacement(specs, byId));
  if (issues.length === 0) issues.push(...checkDependencies(specs, byId));
  if (issues.length > 0) return fail(issues);
  return ok({ specs, children: orderChildren(specs) });
}

/** The spec of a supervisor in `plan` (the root included). */
export function supervisorIn(plan: Plan, id: string): SupervisorSpec | undefined {
  if (id === ROOT_SUPERVISOR.id) return ROOT_SPEC;
  const spec = plan.specs.get(id);
  return spec?.kind === "supervisor" ? spec : undefined;
}

type ReadSpec = { readonly ok: true; readonly spec: ChildSpec } | { readonly ok: false; readonly issue: SupervisionIssue };

function readSpec(entry: Entry, byId: ReadonlyMap<string, Entry>): ReadSpec | null {
  if (entry.kind === SUPERVISOR_KIND) return asSpec(entry, readSupervisorSpec(entry));
  if (entry.kind !== SERVICE_KIND) return null;
  const processId = entry.data["process"];
  const process = typeof processId === "string" ? byId.get(processId) : undefined;
  if (typeof processId !== "string") return { ok: false, issue: issue("invalid_entry", entry.id, "process: must be a process.lua entry id") };
  if (process === undefined) {
    return { ok: false, issue: issue("missing_process", entry.id, `process ${processId} does not exist`, [entry.id, processId]) };
  }
  if (process.kind !== PROCESS_KIND) {
    return { ok: false, issue: issue("missing_process", entry.id, `process ${processId} is a ${process.kind}, not a ${PROCESS_KIND}`, [entry.id, processId]) };
  }
  return asSpec(entry, readServiceSpec(entry, process, codeFingerprint(process, byId)));
}

function asSpec(entry: Entry, read: Read<ChildSpec>): ReadSpec {
  return read.ok ? { ok: true, spec: read.spec } : { ok: false, issue: issue("invalid_entry", entry.id, read.message) };
}

/** The process entry and every library it imports, transitively: a change in any is a code change. */
function codeFingerprint(process: Entry, byId: ReadonlyMap<string, Entry>): string {
  const seen = new Map<string, Entry>();
  const visit = (entry: Entry): void => {
    if (seen.has(entry.id)) return;
    seen.set(entry.id, entry);
    const imports = entry.data["imports"];
    if (imports === null || typeof imports !== "object" || Array.isArray(imports)) return;
    for (const target of Object.values(imports)) {
      const library = typeof target === "string" ? byId.get(target) : undefined;
      if (library !== undefined) visit(library);
    }
  };
  visit(process);
  return canonicalJson([...seen.values()].sort((a, b) => (a.id < b.id ? -1 : 1)));
}

function orderChildren(specs: ReadonlyMap<string, ChildSpec>): Map<string, ChildSpec[]> {
  const siblings = new Map<string, string[]>([[ROOT_SUPERVISOR.id, []]]);
  for (const spec of specs.values()) siblings.set(spec.parent, [...(siblings.get(spec.parent) ?? []), spec.id]);
  const before = liftDependencies(specs);
  const compare = (a: string, b: string): number => {
    const sa = specs.get(a) as ChildSpec;
    const sb = specs.get(b) as ChildSpec;
    return sa.order - sb.order || (a < b ? -1 : a > b ? 1 : 0);
  };
  const children = new Map<string, ChildSpec[]>();
  for (const [parent, ids] of siblings) {
    const ordered = orderAfter(ids, (id) => [...(before.get(id) ?? [])], compare);
    children.set(parent, ordered.map((id) => specs.get(id) as ChildSpec));
  }
  return children;
}

/** For `x` depending on `y`: the sibling containing `x` must start after the one containing `y`. */
function liftDependencies(specs: ReadonlyMap<string, ChildSpec>): Map<string, Set<string>> {
  const chainOf = (id: string): string[] => {
    const chain = [id];
    for (let p = specs.get(id)?.parent; p !== undefined && p !== ""; p = specs.get(p)?.parent) chain.push(p);
    return chain;
  };
  const before = new Map<string, Set<string>>();
  for (const spec of specs.values()) {
    for (const dep of spec.lifecycle.dependsOn) {
      if (!specs.has(dep)) continue;
      const cx = chainOf(spec.id);
      const cy = chainOf(dep);
      if (cx.includes(dep) || cy.includes(spec.id)) continue;
      const i = cx.findIndex((_, k) => cy.includes(cx[k + 1] ?? ""));
      const common = cx[i + 1] as string;
      const ax = cx[i] as string;
      const ay = cy[cy.indexOf(common) - 1] as string;
      const set = before.get(ax) ?? new Set<string>();
      set.add(ay);
      before.set(ax, set);
    }
  }
  return before;
}
