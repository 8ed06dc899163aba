/**
 * The registry store as Lua code sees it: writes from `changes:apply()` are checked with
 * `checkRunnable` against the node's current view first, so an agent that would break the
 * running system gets `nil, err` (Invalid, naming the problems) instead of a committed version
 * that every node then has to refuse. The database still decides conflicts under its lock.
 * Proposals (`changes:propose()`) are checked the same way before they are stored.
 */
import type { ChangeRequestStore, RegistryStore } from "@wippy/db";
import { fail, type ChangeOp, type Entry } from "@wippy/shared";
import type { ChangeRequestPort } from "../lua";
import type { RegistryView } from "../registry";
import { checkRunnable } from "./check-version";

export function entriesAfter(current: Iterable<Entry>, ops: readonly ChangeOp[]): Map<string, Entry> {
  const after = new Map<string, Entry>();
  for (const e of current) after.set(e.id, e);
  for (const op of ops) {
    if (op.op === "delete") after.delete(op.id);
    else after.set(op.entry.id, op.entry);
  }
  return after;
}

export function guardedStore(store: RegistryStore, view: RegistryView): RegistryStore {
  const apply: RegistryStore["apply"] = async (ops, opts) => {
    const problems = checkRunnable(entriesAfter(view.entries(), ops).values());
    if (problems.length > 0) {
      return fail({ kind: "Invalid", message: `the registry would not run with this change: ${problems.map((p) => p.message).join("; ")}` });
    }
    return store.apply(ops, opts);
  };
  return Object.assign(Object.create(store) as RegistryStore, { apply });
}

/** Proposals from Lua get the same check: a change the registry would not run with is refused at once. */
export function guardedChangeRequests(store: ChangeRequestStore, view: RegistryView): ChangeRequestPort {
  return {
    get: (id) => store.get(id),
    propose: async (input) => {
      const problems = checkRunnable(entriesAfter(view.entries(), input.ops).values());
      if (problems.length > 0) {
        return fail({ kind: "Invalid", message: `the registry would not run with this change: ${problems.map((p) => p.message).join("; ")}` });
      }
      return store.propose(input);
    },
  };
}
