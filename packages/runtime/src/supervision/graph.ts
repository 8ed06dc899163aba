/**
 * Graph helpers for dependency order — pure functions over ids.
 *
 * Terms:
 * - `edges(id)`: the ids `id` must come after (its dependencies).
 * - cycle: a path `a → b → … → a`, reported once, rotated to start at its smallest id.
 * - `orderAfter(ids, edges, compare)`: a topological order (dependencies first) that is stable
 *   under `compare` among ids free to go next; ids caught in a cycle keep `compare` order at
 *   the end, so a cycle never loses an id.
 *
 * In: ids and edges. Out: cycles, or an order.
 */

export function findCycles(ids: readonly string[], edges: (id: string) => readonly string[]): string[][] {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const found = new Map<string, string[]>();
  const visit = (id: string): void => {
    state.set(id, "open");
    stack.push(id);
    for (const next of edges(id)) {
      const seen = state.get(next);
      if (seen === "open") {
        const cycle = stack.slice(stack.indexOf(next));
        const key = rotate(cycle).join(" ");
        if (!found.has(key)) found.set(key, rotate(cycle));
      } else if (seen === undefined) visit(next);
    }
    stack.pop();
    state.set(id, "done");
  };
  for (const id of [...ids].sort()) if (!state.has(id)) visit(id);
  return [...found.values()];
}

/** Renders a cycle as `a → b → a`. */
export function formatCycle(cycle: readonly string[]): string {
  return [...cycle, cycle[0] ?? ""].join(" → ");
}

export function orderAfter(ids: readonly string[], edges: (id: string) => readonly string[], compare: (a: string, b: string) => number): string[] {
  const members = new Set(ids);
  const waitingOn = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const id of ids) {
    const deps = new Set(edges(id).filter((d) => members.has(d) && d !== id));
    waitingOn.set(id, deps.size);
    for (const dep of deps) dependents.set(dep, [...(dependents.get(dep) ?? []), id]);
  }
  const ready = ids.filter((id) => waitingOn.get(id) === 0).sort(compare);
  const out: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift() as string;
    out.push(id);
    for (const dependent of dependents.get(id) ?? []) {
      const left = (waitingOn.get(dependent) ?? 0) - 1;
      waitingOn.set(dependent, left);
      if (left === 0) insertSorted(ready, dependent, compare);
    }
  }
  const placed = new Set(out);
  return [...out, ...ids.filter((id) => !placed.has(id)).sort(compare)];
}

function insertSorted(list: string[], id: string, compare: (a: string, b: string) => number): void {
  const at = list.findIndex((other) => compare(id, other) < 0);
  if (at === -1) list.push(id);
  else list.splice(at, 0, id);
}

function rotate(cycle: readonly string[]): string[] {
  let least = 0;
  cycle.forEach((id, i) => {
    if (id < (cycle[least] as string)) least = i;
  });
  return [...cycle.slice(least), ...cycle.slice(0, least)];
}
