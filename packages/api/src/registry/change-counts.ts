/**
 * How many entries each version created, updated and deleted, for the history list. A read of
 * `registry_revisions` grouped by version — the store has no call for it, and loading every
 * revision's data (whole sources) to count them would be wasteful.
 */
import type { Sql } from "@wippy/db";
import type { RevisionOp } from "@wippy/shared";

export type ChangeCounts = Record<RevisionOp, number>;

export async function countChanges(sql: Sql, versions: readonly number[]): Promise<Map<number, ChangeCounts>> {
  const out = new Map<number, ChangeCounts>();
  if (versions.length === 0) return out;
  const rows = await sql<{ version_id: string; op: RevisionOp; n: number }[]>`
    select version_id, op, count(*)::int as n from registry_revisions where version_id in ${sql(versions)} group by version_id, op`;
  for (const r of rows) {
    const id = Number(r.version_id);
    const counts = out.get(id) ?? { create: 0, update: 0, delete: 0 };
    counts[r.op] = r.n;
    out.set(id, counts);
  }
  return out;
}
