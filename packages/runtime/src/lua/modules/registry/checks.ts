/**
 * The registry module's permission checks (issue 9, Wippy's `registry.md`), in one place:
 *
 * - reads: `registry.get` on the entry id (`meta.kind`). `registry.get(id)` and `snap:get(id)`
 *   are refused with `PermissionDenied`; lists (`find`, `snap:entries`, `:find`,
 *   `:namespace`) leave out what the caller may not read, as Wippy's do.
 * - writes: `registry.apply` on every entry a changeset touches (`meta.op` = create | update |
 *   delete, `meta.kind`), and `registry.apply_version` on every entry a rollback/forward
 *   would change (`meta.version` = the target). One refusal refuses the whole write.
 * - proposals (issue 9): `registry.propose` on every entry a changeset touches (same meta). A
 *   refused `apply` whose changeset the process may propose says so in its message.
 * - review rules (`registry/review-rules.ts`): a write from Lua to an entry a rule covers is
 *   refused (`PermissionDenied`, decision `review`) whatever the policies say — agents always
 *   go through review there.
 *
 * A process that nothing restricts skips the policy checks (`isUnrestricted`), not the rules.
 *
 * In: the calling process, entries or changes. Out: entries it may see, or the first refusal.
 */
import { opEntryId, type ChangeOp, type Entry, type EntryChange } from "@wippy/shared";
import { wippyError, type WippyError } from "../../../kernel";
import type { ReviewRules } from "../../../registry/review-rules";
import type { LuaProcess } from "../../vm/lua-process";
import { authorize, isUnrestricted } from "../security/authorize";

export function authorizeRead(proc: LuaProcess, id: string, kind: string | undefined): WippyError | null {
  if (isUnrestricted(proc)) return null;
  return authorize(proc, "registry.get", id, kind === undefined ? undefined : () => ({ kind }));
}

export function visibleEntries(proc: LuaProcess, entries: readonly Entry[]): readonly Entry[] {
  if (isUnrestricted(proc)) return entries;
  return entries.filter((e) => authorizeRead(proc, e.id, e.kind) === null);
}

/** `registry.apply` (or `registry.propose`) on each operation; `kindOf` gives the current kind of a deleted entry. */
export function authorizeOps(
  proc: LuaProcess,
  ops: readonly ChangeOp[],
  kindOf: (id: string) => string | undefined,
  action: "registry.apply" | "registry.propose" = "registry.apply",
): WippyError | null {
  if (isUnrestricted(proc)) return null;
  for (const op of ops) {
    const id = op.op === "delete" ? op.id : op.entry.id;
    const kind = op.op === "delete" ? kindOf(id) : op.entry.kind;
    const denied = authorize(proc, action, id, () => ({ op: op.op, kind }));
    if (denied !== null) return denied;
  }
  return null;
}

/** A refused apply, with a hint to propose the changeset instead when the process may. */
export function withProposeHint(proc: LuaProcess, denied: WippyError, ops: readonly ChangeOp[], kindOf: (id: string) => string | undefined): WippyError {
  if (authorizeOps(proc, ops, kindOf, "registry.propose") !== null) return denied;
  return wippyError(denied.kind, `${denied.message}; you may propose it for review instead: changes:propose(message)`, { retryable: false, details: { ...denied.details, hint: "propose" } });
}

/** The refusal of a direct write from Lua to entries a review rule covers (null: none covered). */
export function reviewRefusal(rules: ReviewRules, ids: readonly string[], action: "registry.apply" | "registry.apply_version"): WippyError | null {
  const review = rules.requirement(ids, "agent");
  if (!review.required) return null;
  const first = review.covered[0] ?? "";
  const more = review.covered.length > 1 ? ` (and ${review.covered.length - 1} more)` : "";
  const how = action === "registry.apply" ? "changes:propose(message)" : "a changeset and changes:propose(message)";
  return wippyError("PermissionDenied", `permission denied: ${action} on "${first}"${more}: changes there need review (${review.rules.join(", ")}); propose them with ${how}`, {
    retryable: false,
    details: { action, resource: first, decision: "review", rules: [...review.rules], hint: "propose" },
  });
}

export const idsOf = (ops: readonly ChangeOp[]): string[] => [...new Set(ops.map(opEntryId))].sort();

/** `registry.apply_version` on each entry that going to `version` would change. */
export function authorizeChanges(proc: LuaProcess, changes: readonly EntryChange[], version: number): WippyError | null {
  for (const c of changes) {
    const kind = (c.after ?? c.before)?.kind;
    const denied = authorize(proc, "registry.apply_version", c.id, () => ({ op: c.op, kind, version }));
    if (denied !== null) return denied;
  }
  return null;
}
