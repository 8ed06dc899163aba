/**
 * Applying an application folder to the registry (`wippy apply`, `wippy dev`, `wippy start`).
 *
 * The folder owns the namespaces it declares: after an apply, those namespaces hold exactly
 * the folder's entries (entries removed from the files are deleted). Namespaces the folder
 * does not declare — say ones an agent created at run time — are never touched.
 *
 * The plan is computed against a snapshot and committed with that snapshot's version as the
 * expected base, so a concurrent writer is never overwritten silently; on such a conflict the
 * plan is recomputed (a few times) against the new state.
 *
 * Each version written records one `registry.apply` row in the audit log, in the version's own
 * transaction, naming the command line's actor (cli-actor.ts); metadata has the version, the
 * changed entries, the folder and the version's author.
 */
import path from "node:path";
import { auditCommit, countEntries, opsBetween, recordAudit } from "@wippy/db";
import type { AuditActor, Commit, CommitOptions, RegistryStore } from "@wippy/db";
import { checkLuaSyntax } from "@wippy/runtime/lua";
import { checkRunnable } from "@wippy/runtime/node";
import { formatDiagnostic, loadAppDir } from "@wippy/runtime/registry";
import type { ChangeOp, Entry, VersionSource } from "@wippy/shared";
import { CliError, EXIT, type Output } from "./output";

export interface ApplySummary {
  /** The new version, or null when the folder already matches the registry. */
  version: number | null;
  /** The registry version after the command (new or unchanged). */
  current: number;
  created: string[];
  updated: string[];
  deleted: string[];
  warnings: string[];
}

export interface ApplyOptions {
  author: string;
  /** Who the audit log names: the OS account running the command (cliActor). */
  actor: AuditActor;
  source?: VersionSource;
  message?: string;
  /** Delete entries of the folder's namespaces that the folder no longer has (default true). */
  prune?: boolean;
  /** Compute and report the changes without committing. */
  dryRun?: boolean;
}

const MAX_ATTEMPTS = 5;

/** Loads and validates a folder; throws CliError(invalid) listing every problem. */
export async function loadFolder(dir: string): Promise<{ entries: Entry[]; namespaces: string[]; warnings: string[] }> {
  const loaded = await loadAppDir(path.resolve(dir), { checkLua: checkLuaSyntax });
  const warnings = loaded.warnings.map(formatDiagnostic);
  if (loaded.errors.length > 0) {
    const lines = loaded.errors.map(formatDiagnostic);
    throw new CliError(`${dir}: ${loaded.errors.length} problem(s), nothing applied:\n  ${lines.join("\n  ")}`, EXIT.invalid, {
      errors: loaded.errors,
      warnings: loaded.warnings,
    });
  }
  return { entries: loaded.entries, namespaces: loaded.namespaces, warnings };
}

export function planFolder(current: ReadonlyMap<string, Entry>, entries: Entry[], namespaces: string[], prune: boolean): ChangeOp[] {
  const owned = new Set(namespaces);
  const from = new Map<string, Entry>();
  for (const [id, e] of current) {
    const ns = id.slice(0, id.indexOf(":"));
    if (owned.has(ns) || entries.some((x) => x.id === id)) from.set(id, e);
  }
  const to = new Map(entries.map((e) => [e.id, e]));
  const ops = opsBetween(from, to);
  return prune ? ops : ops.filter((op) => op.op !== "delete");
}

export async function applyFolder(store: RegistryStore, dir: string, opts: ApplyOptions): Promise<ApplySummary> {
  const { entries, namespaces, warnings } = await loadFolder(dir);
  for (let attempt = 1; ; attempt++) {
    const snap = await store.snapshot();
    const ops = planFolder(snap.entries, entries, namespaces, opts.prune ?? true);
    const summary = summarize(ops, warnings, snap.version);
    if (ops.length === 0) return summary;
    refuseUnrunnable(snap.entries, ops, dir);
    if (opts.dryRun) return summary;
    const message = opts.message ?? `apply ${dir}`;
    const result = await store.apply(ops, {
      author: opts.author,
      source: opts.source ?? "file",
      message,
      expectedBase: snap.version,
      // The audit row commits with the version: one never exists without the other.
      onCommit: auditFolderApply({ actor: opts.actor, author: opts.author, dir, message }),
    });
    if (result.ok) return withCommit(summary, result.value);
    if (result.error.kind !== "Conflict" || attempt >= MAX_ATTEMPTS) {
      throw new CliError(result.error.message, result.error.kind === "Conflict" ? EXIT.conflict : EXIT.failure, result.error);
    }
    // Someone committed between our snapshot and our commit: plan again on the new state.
  }
}

function auditFolderApply(how: { actor: AuditActor; author: string; dir: string; message: string }): NonNullable<CommitOptions["onCommit"]> {
  return async (tx, commit) => {
    const { target, before, after, metadata } = auditCommit(commit);
    await recordAudit(tx, {
      actor: how.actor,
      action: "registry.apply",
      target,
      summary: `${how.message} (version ${metadata.version}, ${countEntries(metadata.entries.length)})`,
      before,
      after,
      metadata: { ...metadata, dir: path.resolve(how.dir), author: how.author },
    });
  };
}

/** Throws CliError(invalid) when the registry after `ops` could not run (see checkRunnable). */
function refuseUnrunnable(current: ReadonlyMap<string, Entry>, ops: ChangeOp[], dir: string): void {
  const after = new Map(current);
  for (const op of ops) {
    if (op.op === "delete") after.delete(op.id);
    else after.set(op.entry.id, op.entry);
  }
  const problems = checkRunnable(after.values());
  if (problems.length === 0) return;
  throw new CliError(
    `${dir}: the registry would not run with this change, nothing applied:\n  ${problems.map((p) => p.message).join("\n  ")}`,
    EXIT.invalid,
    { problems },
  );
}

function summarize(ops: ChangeOp[], warnings: string[], current: number): ApplySummary {
  const ids = (kind: ChangeOp["op"]) => ops.filter((o) => o.op === kind).map((o) => (o.op === "delete" ? o.id : o.entry.id)).sort();
  return { version: null, current, created: ids("create"), updated: ids("update"), deleted: ids("delete"), warnings };
}

function withCommit(summary: ApplySummary, commit: Commit): ApplySummary {
  return { ...summary, version: commit.version.id, current: commit.version.id };
}

export function describeSummary(s: ApplySummary, dryRun = false): string[] {
  const lines: string[] = [];
  const total = s.created.length + s.updated.length + s.deleted.length;
  if (total === 0) {
    lines.push(`no changes: the registry (version ${s.current}) already matches`);
    return lines;
  }
  lines.push(
    dryRun
      ? `would apply ${total} change(s) on top of version ${s.current}:`
      : `applied version ${s.version}: ${s.created.length} created, ${s.updated.length} updated, ${s.deleted.length} deleted`,
  );
  for (const id of s.created) lines.push(`  + ${id}`);
  for (const id of s.updated) lines.push(`  ~ ${id}`);
  for (const id of s.deleted) lines.push(`  - ${id}`);
  return lines;
}

/**
 * `wippy start|run|test [dir]`: apply the folder first when one is given, reporting warnings
 * and the summary as progress.
 */
export async function applyBeforeRunning(
  store: RegistryStore,
  dir: string | undefined,
  verb: string,
  who: Pick<ApplyOptions, "author" | "actor">,
  out: Output,
): Promise<void> {
  if (!dir) return;
  const summary = await applyFolder(store, dir, { ...who, message: `${verb} ${dir}` });
  for (const w of summary.warnings) out.warn(w);
  for (const line of describeSummary(summary)) out.progress(line);
}
