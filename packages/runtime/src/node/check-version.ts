/**
 * "Would this registry state run?" — the checks a writer gets before a version is committed
 * (CLI apply/dev, Lua `changes:apply()`, the API later), so a broken version is refused where
 * someone can be told, and the checks a node makes before hot-applying one that got through.
 *
 * Refused: Lua that does not compile (after type stripping); what supervision cannot plan (a
 * service whose process entry is missing or not a process.lua, a dependency or supervisor
 * cycle, a child of a missing supervisor, invalid lifecycle); a service on a host that is not
 * a process.host/terminal.host entry; an invalid security policy or setting, or a service whose
 * `lifecycle.security` names what does not exist (`check-security.ts`). Each problem names
 * the entries involved.
 */
import type { Entry } from "@wippy/shared";
import { checkLuaSyntax } from "../lua";
import { planSupervision } from "../supervision";
import { securityProblems } from "./check-security";
import { HOST_KINDS } from "./hosts";

export const LUA_KINDS: ReadonlySet<string> = new Set(["function.lua", "process.lua", "workflow.lua", "library.lua"]);

export interface VersionProblem {
  /** The entry the problem is reported on. */
  readonly entry: string;
  /** Every entry involved (a cycle names all of its members). */
  readonly ids: readonly string[];
  readonly message: string;
}

// Registry views share unchanged entry objects between versions, so a syntax check is done
// once per entry revision, not once per version.
const compiled = new WeakMap<Entry, string | null>();

function compileProblem(entry: Entry): string | null {
  const cached = compiled.get(entry);
  if (cached !== undefined) return cached;
  const source = entry.data.source;
  let problem: string | null = null;
  if (typeof source === "string") {
    const check = checkLuaSyntax(source, entry.id);
    if (!check.ok) problem = `${entry.id}: Lua does not compile: ${check.message}`;
  }
  compiled.set(entry, problem);
  return problem;
}

export function checkRunnable(entries: Iterable<Entry>): VersionProblem[] {
  const byId = new Map<string, Entry>();
  for (const e of entries) byId.set(e.id, e);
  const problems: VersionProblem[] = [];
  for (const entry of byId.values()) {
    if (!LUA_KINDS.has(entry.kind)) continue;
    const problem = compileProblem(entry);
    if (problem) problems.push({ entry: entry.id, ids: [entry.id], message: problem });
  }
  const plan = planSupervision(byId.values());
  if (!plan.ok) for (const issue of plan.error) problems.push({ entry: issue.entry, ids: issue.ids.length ? issue.ids : [issue.entry], message: issue.message });
  for (const entry of byId.values()) {
    if (entry.kind !== "process.service") continue;
    const host = entry.data.host;
    if (typeof host !== "string" || host === "") continue; // the loader's schema reports a missing host
    const target = byId.get(host);
    if (!target) problems.push({ entry: entry.id, ids: [entry.id], message: `${entry.id}: host ${host} does not exist` });
    else if (!HOST_KINDS.has(target.kind)) problems.push({ entry: entry.id, ids: [entry.id], message: `${entry.id}: ${host} is a ${target.kind}, not a process.host` });
  }
  problems.push(...securityProblems(byId));
  return problems;
}
