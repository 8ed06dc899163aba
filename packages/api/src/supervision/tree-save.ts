/**
 * The supervision canvas's save and preview: a drawn changeset as ONE registry version, made
 * only from a `ready` plan (tree-plan.ts), authored by the user with source `ui`, and audited in
 * the same transaction as the version (`registry.saveTree`, every entry's before/after).
 *
 * Refusals (nothing written): a stale base → CONFLICT with a `treeConflict` problem naming the
 * entries that changed; a tree that would not run → BAD_REQUEST with an `invalidTree` problem.
 * Races: the version is committed against the head the plan read; if anyone commits in between,
 * the store refuses and the plan is made again (up to `MAX_ATTEMPTS`), so the checks always
 * hold for the state the version is made from.
 *
 * The preview answers the plan without committing: the changes per entry (before/after, for a
 * field diff), the problems, and the entries that make the base stale.
 */
import { TRPCError } from "@trpc/server";
import { recordAudit, type Commit } from "@wippy/db";
import { opEntryId, type EntryChange, type Result } from "@wippy/shared";
import { problemError, registryError, type Diagnostic, type TreeProblem } from "../problems";
import { auditEntry } from "../registry/audit-summary";
import { refuseIfReviewed } from "../registry/review-gate";
import { MAX_ATTEMPTS, type Writer } from "../registry/write";
import { planTreeSave, type TreeChangeset } from "./tree-plan";

export interface TreePreview {
  baseVersion: number;
  /** The registry version the preview was computed at. */
  head: number;
  changes: EntryChange[];
  problems: TreeProblem[];
  /** Tree entries changed after `baseVersion` (non-empty: saving would be refused as stale). */
  stale: string[];
  warnings: Diagnostic[];
}

export interface TreeSaveResult {
  /** The new version, or null when the changeset changed nothing. */
  version: number | null;
  changes: EntryChange[];
  warnings: Diagnostic[];
}

export async function previewTree(w: Pick<Writer, "store">, input: TreeChangeset): Promise<TreePreview> {
  const plan = await planTreeSave(w.store, input);
  const base = { baseVersion: input.baseVersion, head: plan.head, changes: [], problems: [], stale: [], warnings: [] };
  switch (plan.kind) {
    case "ready":
      return { ...base, changes: plan.changes, warnings: plan.warnings };
    case "unchanged":
      return base;
    case "stale":
      return { ...base, stale: plan.changed };
    case "invalid":
      return { ...base, changes: plan.changes, problems: plan.problems };
  }
}

export async function saveTree(w: Writer, input: TreeChangeset & { message: string }): Promise<TreeSaveResult> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const plan = await planTreeSave(w.store, input);
    if (plan.kind === "unchanged") return { version: null, changes: [], warnings: [] };
    if (plan.kind === "stale") throw staleTree(input.baseVersion, plan.head, plan.changed);
    if (plan.kind === "invalid") throw invalidTree(plan.problems);
    await refuseIfReviewed(w.store, plan.ops.map(opEntryId));
    const message = input.message || describeSave(plan.changes);
    const committed: Result<Commit> = await w.store.apply(plan.ops, {
      author: w.actor.name,
      source: "ui",
      message,
      expectedBase: plan.head,
      // The audit row commits with the version: one never exists without the other.
      onCommit: async (tx, { version, changes }) => {
        await recordAudit(tx, {
          actor: w.actor,
          action: "registry.saveTree",
          target: "supervision tree",
          summary: `${message} (version ${version.id}, ${countText(changes.length)})`,
          before: changes.map((c) => auditEntry(c.before)),
          after: changes.map((c) => auditEntry(c.after)),
          metadata: { version: version.id, message, entries: changes.map((c) => c.id) },
        });
      },
    });
    if (committed.ok) return { version: committed.value.version.id, changes: committed.value.changes, warnings: plan.warnings };
    const raced = committed.error.kind === "Conflict" && committed.error.currentVersion !== undefined;
    if (!raced) throw registryError(committed.error);
  }
  throw new TRPCError({ code: "CONFLICT", message: `the registry changed ${MAX_ATTEMPTS} times while saving: try again` });
}

function staleTree(baseVersion: number, currentVersion: number, changed: string[]): TRPCError {
  const shown = changed.slice(0, 5).join(", ") + (changed.length > 5 ? ` and ${changed.length - 5} more` : "");
  return problemError(
    "CONFLICT",
    { kind: "treeConflict", baseVersion, currentVersion, changed },
    `the supervision tree changed after version ${baseVersion} you drew on (now ${currentVersion}): ${shown}. Reload it; your edits can be re-applied`,
  );
}

function invalidTree(problems: TreeProblem[]): TRPCError {
  const first = problems[0]?.message ?? "";
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
  return problemError("BAD_REQUEST", { kind: "invalidTree", problems }, `the registry would not run with this tree: ${first}${more}`);
}

function describeSave(changes: readonly EntryChange[]): string {
  return `supervision tree: ${countText(changes.length)}`;
}

function countText(n: number): string {
  return `${n} entr${n === 1 ? "y" : "ies"}`;
}
