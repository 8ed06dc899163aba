/**
 * bare_commit — the floor every workflow step stands on: one single-row INSERT in its own
 * transaction (autocommit), on the same pool and database the engine uses. A workflow step
 * that commits its history costs at least this; `per_activity` is compared to it.
 *
 * Samples are taken in batches between the `per_activity` runs (`sample`), so that both
 * figures see the same machine: on a shared machine the load drifts within a minute.
 *
 * In: the scratch database's pool. Out: ms percentiles over every batch.
 */
import type { Sql } from "@wippy/db";
import { now, percentiles } from "../lib";

const WARMUP = 50;

export class BareCommit {
  private readonly times: number[] = [];

  constructor(private readonly sql: Sql) {}

  /** Creates the table and warms the connection up (not counted). */
  async prepare(): Promise<void> {
    await this.sql`create table if not exists bench_commit (id bigint generated always as identity primary key, run_id text not null, payload jsonb not null)`;
    for (let i = 0; i < WARMUP; i++) await this.insert(i);
  }

  async sample(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const t = now();
      await this.insert(i);
      this.times.push(now() - t);
    }
  }

  result(): ReturnType<typeof percentiles> {
    return percentiles(this.times);
  }

  private async insert(i: number): Promise<void> {
    await this.sql`insert into bench_commit (run_id, payload) values (${"bench"}, ${JSON.stringify({ i })}::text::jsonb)`;
  }
}
