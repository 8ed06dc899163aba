/**
 * `wippy registry list|show|history|diff|rollback`: read and move the versioned registry. A
 * rollback records `registry.rollback` in the audit log in the version's own transaction, as
 * the control plane's does.
 */
import { recordAudit, rollbackAudit } from "@wippy/db";
import type { EntryChange, JsonValue, VersionInfo } from "@wippy/shared";
import { stringify } from "yaml";
import { cliActor } from "../cli-actor";
import type { CommandContext } from "../command";
import { defaultAuthor } from "../env";
import { CliError, EXIT } from "../output";
import { withSession } from "../session";

export interface ListFlags {
  kind?: string;
  ns?: string;
  filter?: string[];
}

/** `key=value` pairs in the LUA_API §7 filter syntax (`meta.type=test`, `^.name=get_`). */
export function parseFilterArgs(flags: ListFlags): Record<string, JsonValue> {
  const filter: Record<string, JsonValue> = {};
  if (flags.kind) filter[".kind"] = flags.kind;
  if (flags.ns) filter[".ns"] = flags.ns;
  for (const pair of flags.filter ?? []) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new CliError(`--filter expects key=value, got "${pair}"`, EXIT.usage);
    filter[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return filter;
}

export async function listCommand({ env, out }: CommandContext, flags: ListFlags): Promise<void> {
  const filter = parseFilterArgs(flags);
  await withSession(env, out, async ({ store }) => {
    const version = await store.currentVersion();
    const { entries, warnings } = await store.find(filter);
    for (const w of warnings) out.warn(w);
    out.result({ version, entries }, () => {
      if (entries.length === 0) return `no entries (registry version ${version})`;
      const width = Math.max(...entries.map((e) => e.id.length));
      return [...entries.map((e) => `${e.id.padEnd(width)}  ${e.kind}`), `${entries.length} entries at version ${version}`];
    });
  });
}

export async function showCommand({ env, out }: CommandContext, id: string, flags: { version?: number }): Promise<void> {
  await withSession(env, out, async ({ store }) => {
    let entry;
    if (flags.version === undefined) entry = await store.get(id);
    else {
      const snap = await store.snapshotAt(flags.version);
      if (!snap.ok) throw new CliError(snap.error.message, EXIT.notFound);
      entry = snap.value.entries.get(id) ?? null;
    }
    if (!entry) throw new CliError(`entry ${id} not found${flags.version === undefined ? "" : ` at version ${flags.version}`}`, EXIT.notFound);
    out.result({ entry }, () => stringify({ id: entry.id, kind: entry.kind, meta: entry.meta, ...entry.data }).trimEnd());
  });
}

function versionLine(v: VersionInfo): string {
  return `${String(v.id).padStart(5)}  ${v.createdAt.toISOString()}  ${v.source.padEnd(8)} ${v.author}  ${v.message}`;
}

export async function historyCommand({ env, out }: CommandContext, id: string | undefined, flags: { limit: number }): Promise<void> {
  await withSession(env, out, async ({ store }) => {
    if (id) {
      const revisions = await store.entryHistory(id);
      if (revisions.length === 0) throw new CliError(`entry ${id} has no history`, EXIT.notFound);
      out.result({ id, revisions }, () => revisions.map((r) => `${versionLine(r.version)}  [${r.op}]`));
      return;
    }
    const versions = await store.listVersions({ limit: flags.limit });
    out.result({ versions }, () => (versions.length ? versions.map(versionLine) : "no versions yet (the registry is empty)"));
  });
}

export function describeChanges(changes: EntryChange[]): string[] {
  const mark = { create: "+", update: "~", delete: "-" } as const;
  return changes.map((c) => `  ${mark[c.op]} ${c.id}${c.after ? `  (${c.after.kind})` : ""}`);
}

export async function diffCommand({ env, out }: CommandContext, from: number, to: number | undefined): Promise<void> {
  await withSession(env, out, async ({ store }) => {
    const target = to ?? (await store.currentVersion());
    const result = await store.diff(from, target);
    if (!result.ok) throw new CliError(result.error.message, result.error.kind === "NotFound" ? EXIT.notFound : EXIT.usage);
    const changes = result.value;
    out.result({ from, to: target, changes }, () =>
      changes.length ? [`${changes.length} change(s) from version ${from} to ${target}:`, ...describeChanges(changes)] : `no differences between version ${from} and ${target}`,
    );
  });
}

export async function rollbackCommand({ env, out }: CommandContext, version: number, flags: { message?: string }): Promise<void> {
  await withSession(env, out, async ({ store }) => {
    const author = defaultAuthor(env);
    const actor = cliActor();
    const result = await store.applyVersion(version, {
      author,
      message: flags.message,
      // The audit row commits with the version: one never exists without the other.
      onCommit: async (tx, commit) => {
        const audit = rollbackAudit(commit, version);
        await recordAudit(tx, { actor, ...audit, metadata: { ...audit.metadata, author } });
      },
    });
    if (!result.ok) {
      const code = result.error.kind === "NotFound" ? EXIT.notFound : result.error.kind === "Conflict" ? EXIT.conflict : EXIT.usage;
      throw new CliError(result.error.message, code);
    }
    const { version: v, changes } = result.value;
    out.result({ version: v.id, changes }, () => [`applied version ${v.id}: ${v.message}`, ...describeChanges(changes)]);
  });
}
