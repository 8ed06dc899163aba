/**
 * Registry writes from the control plane: save, create, rename, delete — each one new version
 * through `RegistryStore.apply` (which commits version, revisions, current view and NOTIFY
 * atomically), authored by the user's email with source `ui`.
 *
 * Races: each write reads what it needs, then commits with that read's registry version as the
 * expected base; if anyone committed in between, the store refuses (`Conflict` with
 * `currentVersion`) and the write re-reads and re-checks, up to `MAX_ATTEMPTS` times. So the
 * checks (entry unchanged since the writer's base, nobody refers to a deleted id) always hold
 * for the state the version is made from.
 *
 * Audit: one row per committed write, right after the commit (the registry store owns its
 * transaction; the version itself also records author, source and message).
 *
 * Review: a write to entries a review rule covers for people is refused (`review-gate.ts`):
 * it must be proposed as a change request.
 */
import { TRPCError } from "@trpc/server";
import { entriesEqual, recordAudit, type AuditActor, type Commit, type RegistryStore, type Sql } from "@wippy/db";
import { opEntryId, type ChangeOp, type Entry, type RegistryError, type Result } from "@wippy/shared";
import { problemError, registryError, type Diagnostic } from "../problems";
import { auditEntry } from "./audit-summary";
import { checkEntry, hasErrors, type EntryProblem } from "./check-entry";
import { staleEntry } from "./conflict";
import { formatPath, referencesOf, referrersOf, rewriteReferences } from "./references";
import { refuseIfReviewed } from "./review-gate";

export const MAX_ATTEMPTS = 5;

export interface Writer {
  store: RegistryStore;
  sql: Sql;
  actor: AuditActor;
}

export interface WriteResult {
  /** The new version, or null when the write changed nothing. */
  version: number | null;
  entry: Entry | null;
  warnings: Diagnostic[];
}

export async function saveEntry(w: Writer, input: { id: string; baseVersion: number; entry: Omit<Entry, "id">; message: string }): Promise<WriteResult> {
  const { entry, warnings } = await checkedOrThrow(w, { ...input.entry, id: input.id });
  return commitFresh(w, async (head) => {
    if (input.baseVersion > head) throw new TRPCError({ code: "BAD_REQUEST", message: `base version ${input.baseVersion} does not exist (the newest is ${head})` });
    const history = await w.store.entryHistory(input.id);
    const stale = staleEntry(history, input.id, input.baseVersion, entry);
    if (stale) throw stale;
    const current = history[0]?.entry;
    if (!current) throw new TRPCError({ code: "NOT_FOUND", message: `${input.id} does not exist` });
    if (entriesEqual(current, entry)) return { unchanged: { version: null, entry: current, warnings } };
    return {
      ops: [{ op: "update", entry }],
      message: input.message || `edit ${input.id}`,
      audit: { action: "registry.save", target: input.id, before: current, after: entry },
      result: { entry, warnings },
    };
  });
}

export async function createEntry(w: Writer, input: { entry: Entry; message: string }): Promise<WriteResult> {
  const { entry, warnings } = await checkedOrThrow(w, input.entry);
  return commitFresh(w, async () => {
    if (await w.store.get(entry.id)) throw new TRPCError({ code: "CONFLICT", message: `${entry.id} already exists` });
    return {
      ops: [{ op: "create", entry }],
      message: input.message || `create ${entry.id}`,
      audit: { action: "registry.create", target: entry.id, before: null, after: entry },
      result: { entry, warnings },
    };
  });
}

export async function renameEntry(
  w: Writer,
  input: { id: string; newId: string; baseVersion?: number; updateReferences: boolean; message: string },
): Promise<WriteResult & { updatedReferences: string[] }> {
  if (input.id === input.newId) throw new TRPCError({ code: "BAD_REQUEST", message: "the new id is the same as the old one" });
  let updated: string[] = [];
  const result = await commitFresh(w, async () => {
    const snapshot = await w.store.snapshot();
    const entry = await existingOrThrow(w, snapshot.entries.get(input.id), input.id, input.baseVersion);
    if (snapshot.entries.has(input.newId)) throw new TRPCError({ code: "CONFLICT", message: `cannot rename to ${input.newId}: it already exists` });
    const referrers = referrersOf(snapshot.entries.values(), input.id);
    if (referrers.length > 0 && !input.updateReferences) {
      throw problemError(
        "PRECONDITION_FAILED",
        { kind: "referenced", entryId: input.id, referencedBy: referrers },
        `${input.id} is referred to by ${describeReferrers(referrers)}: rename with updateReferences to rewrite them in the same version`,
      );
    }
    updated = [...new Set(referrers.map((r) => r.from))];
    const renamed = rewriteReferences({ ...entry, id: input.newId }, input.id, input.newId);
    const ops: ChangeOp[] = [{ op: "delete", id: input.id }, { op: "create", entry: renamed }];
    for (const from of updated) {
      const referrer = snapshot.entries.get(from);
      if (referrer) ops.push({ op: "update", entry: rewriteReferences(referrer, input.id, input.newId) });
    }
    return {
      base: snapshot.version,
      ops,
      message: input.message || `rename ${input.id} to ${input.newId}`,
      audit: { action: "registry.rename", target: input.id, before: entry, after: renamed, metadata: { newId: input.newId, updatedReferences: updated } },
      result: { entry: renamed, warnings: [] },
    };
  });
  return { ...result, updatedReferences: updated };
}

export async function deleteEntry(w: Writer, input: { id: string; baseVersion?: number; message: string }): Promise<WriteResult> {
  return commitFresh(w, async () => {
    const snapshot = await w.store.snapshot();
    const entry = await existingOrThrow(w, snapshot.entries.get(input.id), input.id, input.baseVersion);
    const referrers = referrersOf(snapshot.entries.values(), input.id);
    if (referrers.length > 0) {
      throw problemError(
        "PRECONDITION_FAILED",
        { kind: "referenced", entryId: input.id, referencedBy: referrers },
        `${input.id} cannot be deleted: ${describeReferrers(referrers)} refer${referrers.length === 1 ? "s" : ""} to it`,
      );
    }
    return {
      base: snapshot.version,
      ops: [{ op: "delete", id: input.id }],
      message: input.message || `delete ${input.id}`,
      audit: { action: "registry.delete", target: input.id, before: entry, after: null },
      result: { entry: null, warnings: [] },
    };
  });
}

interface Planned {
  /** The version the plan was read at (default: the head read before planning). */
  base?: number;
  ops: ChangeOp[];
  message: string;
  audit: { action: string; target: string; before: Entry | null; after: Entry | null; metadata?: Record<string, string | string[]> };
  result: Omit<WriteResult, "version">;
}

type Plan = Planned | { unchanged: WriteResult };

async function commitFresh(w: Writer, plan: (head: number) => Promise<Plan>): Promise<WriteResult> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const head = await w.store.currentVersion();
    const planned = await plan(head);
    if ("unchanged" in planned) return planned.unchanged;
    await refuseIfReviewed(w.store, planned.ops.map(opEntryId));
    const { action, target, before, after, metadata } = planned.audit;
    const committed: Result<Commit> = await w.store.apply(planned.ops, {
      author: w.actor.name,
      source: "ui",
      message: planned.message,
      expectedBase: planned.base ?? head,
      // The audit row commits with the version: one never exists without the other.
      onCommit: async (tx, { version }) => {
        await recordAudit(tx, {
          actor: w.actor,
          action,
          target,
          summary: `${planned.message} (version ${version.id})`,
          before: auditEntry(before),
          after: auditEntry(after),
          metadata: { version: version.id, message: planned.message, ...metadata },
        });
      },
    });
    if (!committed.ok) {
      if (isStaleBase(committed.error)) continue;
      throw registryError(committed.error);
    }
    const { version } = committed.value;
    return { version: version.id, ...planned.result };
  }
  throw new TRPCError({ code: "CONFLICT", message: `the registry changed ${MAX_ATTEMPTS} times while saving: try again` });
}

function isStaleBase(error: RegistryError): boolean {
  return error.kind === "Conflict" && error.currentVersion !== undefined;
}

/** The entry as it will be stored, or BAD_REQUEST with its diagnostics; warnings include references to missing entries. */
async function checkedOrThrow(w: Writer, input: Entry): Promise<{ entry: Entry; warnings: Diagnostic[] }> {
  const { entry, problems } = checkEntry(input);
  const diagnostics = problems.map(toDiagnostic);
  if (hasErrors(problems)) {
    const first = diagnostics.find((d) => d.severity === "error");
    throw problemError("BAD_REQUEST", { kind: "diagnostics", diagnostics }, `${input.id} is not valid: ${first?.path ? `${first.path}: ` : ""}${first?.message ?? ""}`);
  }
  // A reference to an entry that does not exist (yet) is allowed — it may be created next — but said.
  for (const ref of referencesOf(entry)) {
    if (ref.to !== entry.id && !(await w.store.get(ref.to))) {
      diagnostics.push({ severity: "warning", path: ref.path, message: `${ref.path}: ${ref.to} does not exist` });
    }
  }
  return { entry, warnings: diagnostics };
}

export function toDiagnostic(p: EntryProblem): Diagnostic {
  const d: Diagnostic = { severity: p.severity, message: p.message, path: formatPath(p.path) };
  if (p.line !== undefined) d.line = p.line;
  if (p.column !== undefined) d.column = p.column;
  return d;
}

async function existingOrThrow(w: Writer, entry: Entry | undefined, id: string, baseVersion: number | undefined): Promise<Entry> {
  if (baseVersion !== undefined) {
    const stale = staleEntry(await w.store.entryHistory(id), id, baseVersion, null);
    if (stale) throw stale;
  }
  if (!entry) throw new TRPCError({ code: "NOT_FOUND", message: `${id} does not exist` });
  return entry;
}

function describeReferrers(refs: { from: string; path: string }[]): string {
  const shown = refs.slice(0, 5).map((r) => `${r.from} (${r.path})`);
  return refs.length > 5 ? `${shown.join(", ")} and ${refs.length - 5} more` : shown.join(", ");
}
