/**
 * The registry module's permission checks (issue 9, Wippy's `registry.md`), in one place:
 *
 * - reads: `registry.get` on the entry id (`meta.kind`). `registry.get(id)` and `snap:get(id)`
 *   are refused with `PermissionDenied`; lists (`find`, `snap:entries`, `:find`,
 *   `:namespace`) leave out what the caller may not read, as Wippy's do.
 * - writes: `registry.apply` on every entry a changeset touches (`meta.op` = create | update |
 *   delete, `meta.kind`), and `registry.apply_version` on every entry a rollback/forward
 *   would change (`meta.version` = the target). One refusal refuses the whole write.
 *
 * A process that nothing restricts skips all of this (`isUnrestricted`).
 *
 * In: the calling process, entries or changes. Out: entries it may see, or the first refusal.
 */
import type { ChangeOp, Entry, EntryChange } from "@wippy/shared";
import type { WippyError } from "../../../kernel";
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

/** `registry.apply` on each operation; `kindOf` gives the current kind of a deleted entry. */
export function authorizeOps(proc: LuaProcess, ops: readonly ChangeOp[], kindOf: (id: string) => string | undefined): WippyError | null {
  if (isUnrestricted(proc)) return null;
  for (const op of ops) {
    const id = op.op === "delete" ? op.id : op.entry.id;
    const kind = op.op === "delete" ? kindOf(id) : op.entry.kind;
    const denied = authorize(proc, "registry.apply", id, () => ({ op: op.op, kind }));
    if (denied !== null) return denied;
  }
  return null;
}

/** `registry.apply_version` on each entry that going to `version` would change. */
export function authorizeChanges(proc: LuaProcess, changes: readonly EntryChange[], version: number): WippyError | null {
  for (const c of changes) {
    const kind = (c.after ?? c.before)?.kind;
    const denied = authorize(proc, "registry.apply_version", c.id, () => ({ op: c.op, kind, version }));
    if (denied !== null) return denied;
  }
  return null;
}
