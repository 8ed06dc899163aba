/**
 * "Would this registry state run?" — the checks a writer gets before a version is committed
 * (CLI apply/dev now; the API and Lua `changes:apply()` use the same function), so a broken
 * version is refused where someone can be told, instead of reaching the nodes.
 *
 * Refused: what supervision cannot plan (a service whose process entry is missing or not a
 * process.lua, a dependency or supervisor cycle, a child of a missing supervisor, invalid
 * lifecycle), and a service on a host that is not a process.host/terminal.host entry.
 * Lua syntax is checked where sources are loaded (the folder loader).
 */
import type { Entry } from "@wippy/shared";
import { planSupervision } from "../supervision";
import { HOST_KINDS } from "./hosts";

export interface VersionProblem {
  readonly entry: string;
  readonly message: string;
}

export function checkRunnable(entries: Iterable<Entry>): VersionProblem[] {
  const byId = new Map<string, Entry>();
  for (const e of entries) byId.set(e.id, e);
  const problems: VersionProblem[] = [];
  const plan = planSupervision(byId.values());
  if (!plan.ok) for (const issue of plan.error) problems.push({ entry: issue.entry, message: issue.message });
  for (const entry of byId.values()) {
    if (entry.kind !== "process.service") continue;
    const host = entry.data.host;
    if (typeof host !== "string" || host === "") continue; // the loader's schema reports a missing host
    const target = byId.get(host);
    if (!target) problems.push({ entry: entry.id, message: `${entry.id}: host ${host} does not exist` });
    else if (!HOST_KINDS.has(target.kind)) problems.push({ entry: entry.id, message: `${entry.id}: ${host} is a ${target.kind}, not a process.host` });
  }
  return problems;
}
