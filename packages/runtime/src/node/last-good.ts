/**
 * The configuration a node actually runs: the registry's newest state, except that entries
 * which would break it keep their last good revision ("if a bad version reaches a node anyway,
 * the node keeps running the last good configuration for those entries and reports the error").
 *
 * Given the new registry state and the previous effective one: every entry named by a
 * `checkRunnable` problem goes back to its previous effective revision (or is left out if it
 * had none); this repeats until the state runs (a revert can surface another problem, e.g. a
 * service whose reverted process is fine but whose new host is missing). If it still does
 * not run after a few rounds, the previous effective state is kept whole.
 */
import type { Entry } from "@wippy/shared";
import { checkRunnable, type VersionProblem } from "./check-version";

export const MAX_REVERT_ROUNDS = 4;

export interface EffectiveState {
  readonly entries: Map<string, Entry>;
  /** Problems found in the new state (what the operator must fix). */
  readonly problems: VersionProblem[];
  /** Entries held at their last good revision (or held out) because of the problems. */
  readonly held: string[];
}

export function effectiveState(incoming: Iterable<Entry>, previous: ReadonlyMap<string, Entry>): EffectiveState {
  const entries = new Map<string, Entry>();
  for (const e of incoming) entries.set(e.id, e);
  const problems: VersionProblem[] = [];
  const held = new Set<string>();
  for (let round = 0; round < MAX_REVERT_ROUNDS; round++) {
    const found = checkRunnable(entries.values());
    if (found.length === 0) return { entries, problems, held: [...held].sort() };
    problems.push(...found);
    for (const id of found.flatMap((p) => p.ids)) {
      if (!entries.has(id) && !previous.has(id)) continue; // named, but not there (a missing process)
      held.add(id);
      const last = previous.get(id);
      if (last) entries.set(id, last);
      else entries.delete(id);
    }
  }
  return { entries: new Map(previous), problems, held: [...new Set([...held, ...entries.keys()])].sort() };
}
