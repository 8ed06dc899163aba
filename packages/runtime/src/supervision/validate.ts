/**
 * Validation of a supervision tree before it is run (or committed): placement and dependencies.
 *
 * Checks, in order (a later check assumes the earlier ones passed):
 * 1. every child's supervisor exists and is a `process.supervisor`;
 * 2. no supervisor sits, through its parents, under itself;
 * 3. every dependency names an existing entry (entries of other kinds — hosts, databases —
 *    count as satisfied dependencies: supervision does not start them);
 * 4. dependencies do not loop. A child implicitly needs its supervisor running, so a
 *    supervisor that depends on one of its own descendants is a cycle too.
 *
 * In: specs by id and every entry id. Out: issues (empty when the tree can run).
 */

import type { Entry } from "@wippy/shared";
import type { ChildSpec } from "./child-spec";
import { findCycles, formatCycle } from "./graph";
import { issue, type SupervisionIssue } from "./issues";
import { ROOT_SUPERVISOR, SUPERVISOR_KIND } from "./terms";

export function checkPlacement(specs: ReadonlyMap<string, ChildSpec>, entries: ReadonlyMap<string, Entry>): SupervisionIssue[] {
  const issues: SupervisionIssue[] = [];
  for (const spec of specs.values()) {
    if (spec.parent === ROOT_SUPERVISOR.id) continue;
    const parent = entries.get(spec.parent);
    if (parent === undefined) issues.push(issue("missing_supervisor", spec.id, `supervisor ${spec.parent} does not exist`, [spec.id, spec.parent]));
    else if (parent.kind !== SUPERVISOR_KIND) {
      issues.push(issue("missing_supervisor", spec.id, `meta.supervisor ${spec.parent} is a ${parent.kind}, not a ${SUPERVISOR_KIND}`, [spec.id, spec.parent]));
    }
  }
  if (issues.length > 0) return issues;
  const supervisors = [...specs.values()].filter((s) => s.kind === "supervisor").map((s) => s.id);
  const parentEdge = (id: string): string[] => {
    const parent = specs.get(id)?.parent;
    return parent !== undefined && parent !== ROOT_SUPERVISOR.id ? [parent] : [];
  };
  for (const cycle of findCycles(supervisors, parentEdge)) {
    issues.push(issue("supervisor_cycle", cycle[0] as string, `supervisor cycle (supervisors placed under each other): ${formatCycle(cycle)}`, cycle));
  }
  return issues;
}

export function checkDependencies(specs: ReadonlyMap<string, ChildSpec>, entries: ReadonlyMap<string, Entry>): SupervisionIssue[] {
  const issues: SupervisionIssue[] = [];
  for (const spec of specs.values()) {
    for (const dep of spec.lifecycle.dependsOn) {
      if (dep === spec.id) issues.push(issue("dependency_cycle", spec.id, "depends on itself"));
      else if (!entries.has(dep)) issues.push(issue("missing_dependency", spec.id, `depends on ${dep}, which does not exist`, [spec.id, dep]));
    }
  }
  if (issues.length > 0) return issues;
  const edges = (id: string): string[] => {
    const spec = specs.get(id);
    if (spec === undefined) return [];
    const deps = spec.lifecycle.dependsOn.filter((d) => specs.has(d));
    return spec.parent === ROOT_SUPERVISOR.id ? deps : [...deps, spec.parent];
  };
  for (const cycle of findCycles([...specs.keys()], edges)) {
    issues.push(issue("dependency_cycle", cycle[0] as string, `dependency cycle ${formatCycle(cycle)}`, cycle));
  }
  return issues;
}
