/**
 * Would this tree run? The runtime's own answer, per node, so the canvas can mark what is wrong.
 *
 * The rules are not written twice: `planSupervision` (@wippy/runtime/supervision) is what a
 * runtime node and every writer run before a version is committed — a service's `process` must
 * be a `process.lua`, a child's supervisor must exist and be a `process.supervisor`, no
 * supervisor or dependency cycles, and every field checked by the kind's schema (strategy,
 * restart type, durations, intensity …). The one check the runtime makes elsewhere (its node
 * layer, which also compiles Lua and cannot load in a browser) is the host: a service's `host`
 * must be a `process.host` or `terminal.host`; it is repeated here in `checkHosts`. The server
 * runs the full check again on save.
 *
 * Catalog entries are passed to the planner as bare `{id, kind}` entries: the planner reads only
 * the kind of anything that is not a service or supervisor (and the `imports` of a process,
 * for change fingerprints, which validation does not use).
 *
 * In: a model. Out: every issue, and the issues of each node (a cycle marks all its members).
 */
import { planSupervision, type IssueCode } from "@wippy/runtime/supervision";
import type { Entry } from "@wippy/shared";
import type { TreeModel } from "./model";
import { HOST_KINDS, SERVICE_KIND } from "./terms";

export type TreeIssueCode = IssueCode | "missing_host";

export interface TreeIssue {
  readonly code: TreeIssueCode;
  /** The entry the issue is reported on. */
  readonly entry: string;
  /** Every entry involved (the members of a cycle, the missing process …). */
  readonly ids: readonly string[];
  /** The runtime's message, which starts with the entry id. */
  readonly message: string;
}

export interface TreeIssues {
  readonly all: readonly TreeIssue[];
  readonly byNode: ReadonlyMap<string, readonly TreeIssue[]>;
}

const CYCLES: ReadonlySet<TreeIssueCode> = new Set(["supervisor_cycle", "dependency_cycle"]);

export const NO_ISSUES: TreeIssues = { all: [], byNode: new Map() };

export function validateTree(model: TreeModel): TreeIssues {
  const entries: Entry[] = [...model.entries.values()];
  for (const [id, kind] of model.catalog) entries.push({ id, kind, meta: {}, data: {} });
  const all: TreeIssue[] = [];
  const plan = planSupervision(entries);
  if (!plan.ok) all.push(...plan.error);
  all.push(...checkHosts(model));
  return { all, byNode: indexIssues(model, all) };
}

/** The message without the leading `entry: ` (the node it is drawn on already says which). */
export function messageOnNode(issue: TreeIssue): string {
  const prefix = `${issue.entry}: `;
  return issue.message.startsWith(prefix) ? issue.message.slice(prefix.length) : issue.message;
}

function checkHosts(model: TreeModel): TreeIssue[] {
  const issues: TreeIssue[] = [];
  for (const entry of model.entries.values()) {
    if (entry.kind !== SERVICE_KIND) continue;
    const host = entry.data["host"];
    // A missing or non-string host is the kind schema's to report (the planner does).
    if (typeof host !== "string" || host === "") continue;
    const kind = model.catalog.get(host) ?? model.entries.get(host)?.kind;
    if (kind === undefined) issues.push(hostIssue(entry.id, host, `host ${host} does not exist`));
    else if (!HOST_KINDS.has(kind)) issues.push(hostIssue(entry.id, host, `${host} is a ${kind}, not a process.host`));
  }
  return issues;
}

const hostIssue = (entry: string, host: string, text: string): TreeIssue => ({ code: "missing_host", entry, ids: [entry, host], message: `${entry}: ${text}` });

function indexIssues(model: TreeModel, all: readonly TreeIssue[]): Map<string, TreeIssue[]> {
  const byNode = new Map<string, TreeIssue[]>();
  for (const issue of all) {
    // A cycle is every member's problem; anything else is the problem of the entry it names.
    const marked = CYCLES.has(issue.code) ? new Set([issue.entry, ...issue.ids]) : [issue.entry];
    for (const id of marked) {
      if (!model.entries.has(id)) continue;
      const list = byNode.get(id);
      if (list) list.push(issue);
      else byNode.set(id, [issue]);
    }
  }
  return byNode;
}
