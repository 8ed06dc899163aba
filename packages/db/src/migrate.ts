/**
 * The migrator: brings a database up to the migrations this code knows, safely when several
 * nodes start at once.
 *
 * Terms:
 * - `wippy_migrations(tag, hash, applied_at)`: one row per applied migration.
 * - migration lock: the session advisory lock `MIGRATION_LOCK_KEY`, held on one dedicated
 *   connection for the whole run, so concurrent migrators queue up instead of racing. Each
 *   migration's transaction also takes the same key as a transaction lock and re-checks that
 *   its tag is still unrecorded: if the dedicated connection were silently replaced after a
 *   drop, the new session would then wait for the lock rather than apply twice.
 * - pending: journal tags not yet recorded; each is applied in its own transaction with its row.
 *
 * Refusals (nothing is changed when they are thrown):
 * - `MigrationsNewerThanCodeError`: the database records tags this code does not know — it was
 *   migrated by a newer wippy, and running older code against it could corrupt it.
 * - `MigrationChangedError`: a recorded migration's file no longer matches its recorded hash.
 *
 * In: a URL, optional `log` for progress lines and `migrationsDir`.
 * Out: `{ applied, current }` — tags applied by this run, and the newest tag now recorded.
 */
import postgres from "postgres";
import { ignoreNotice } from "./client";
import { readMigrationFiles, type MigrationFile } from "./migration-files";

/** ASCII "wippy_mg" as a signed 64-bit integer; fixed forever, every node must agree on it. */
export const MIGRATION_LOCK_KEY = BigInt("0x77697070795f6d67").toString();

export interface MigrateOptions {
  log?: (line: string) => void;
  /** Defaults to the repository's `prisma-free-migrations/`. */
  migrationsDir?: string;
}

export interface MigrateResult {
  applied: string[];
  /** Newest recorded tag after this run; "" when the code knows no migrations. */
  current: string;
}

export class MigrationsNewerThanCodeError extends Error {
  override readonly name = "MigrationsNewerThanCodeError";
  constructor(readonly unknownTags: string[]) {
    super(
      `the database was migrated by a newer wippy: it records migration(s) ${unknownTags.join(", ")} ` +
        `that this version does not know. Upgrade wippy to a version that includes them ` +
        `(nothing was changed in the database).`,
    );
  }
}

export class MigrationChangedError extends Error {
  override readonly name = "MigrationChangedError";
  constructor(
    readonly tag: string,
    readonly recordedHash: string,
    readonly fileHash: string,
  ) {
    super(
      `migration ${tag} was applied with hash ${recordedHash.slice(0, 12)}… but its file now hashes to ` +
        `${fileHash.slice(0, 12)}…: applied migrations must not be edited; add a new migration instead ` +
        `(nothing was changed in the database).`,
    );
  }
}

export async function migrate(url: string, opts: MigrateOptions = {}): Promise<MigrateResult> {
  const log = opts.log ?? (() => {});
  const files = await readMigrationFiles(opts.migrationsDir);
  // max 1: the advisory lock belongs to a session, so every statement must use that session.
  const sql = postgres(url, { max: 1, onnotice: ignoreNotice, connection: { application_name: "wippy-migrate" } });
  try {
    const [{ locked } = { locked: false }] = await sql<{ locked: boolean }[]>`
      select pg_try_advisory_lock(${MIGRATION_LOCK_KEY}::bigint) as locked`;
    if (!locked) {
      log("another node is migrating this database; waiting for it to finish");
      await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY}::bigint)`;
    }
    const result = await migrateLocked(sql, files, log);
    await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY}::bigint)`;
    return result;
  } finally {
    // Ending the session also releases the lock when migrateLocked threw.
    await sql.end({ timeout: 5 });
  }
}

async function migrateLocked(sql: postgres.Sql, files: MigrationFile[], log: (line: string) => void): Promise<MigrateResult> {
  await sql`create table if not exists wippy_migrations (
    tag text primary key,
    hash text not null,
    applied_at timestamptz not null default now()
  )`;
  const recorded = new Map(
    (await sql<{ tag: string; hash: string }[]>`select tag, hash from wippy_migrations`).map((r) => [r.tag, r.hash]),
  );
  checkRecorded(recorded, files);

  const applied: string[] = [];
  for (const file of files.filter((f) => !recorded.has(f.tag))) {
    const didApply = await sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY}::bigint)`;
      const done = await tx`select 1 from wippy_migrations where tag = ${file.tag}`;
      if (done.length > 0) return false;
      for (const statement of file.statements) await tx.unsafe(statement);
      await tx`insert into wippy_migrations (tag, hash) values (${file.tag}, ${file.hash})`;
      return true;
    });
    if (didApply) {
      applied.push(file.tag);
      log(`applied migration ${file.tag}`);
    }
  }
  const current = files.at(-1)?.tag ?? "";
  log(applied.length > 0 ? `database is at migration ${current}` : `database is up to date (${current})`);
  return { applied, current };
}

/** Throws the refusals described in the module comment; pure, so it changes nothing. */
function checkRecorded(recorded: Map<string, string>, files: MigrationFile[]): void {
  const known = new Map(files.map((f) => [f.tag, f.hash]));
  const unknownTags = [...recorded.keys()].filter((tag) => !known.has(tag)).sort();
  if (unknownTags.length > 0) throw new MigrationsNewerThanCodeError(unknownTags);
  for (const [tag, hash] of recorded) {
    const fileHash = known.get(tag);
    if (fileHash !== undefined && fileHash !== hash) throw new MigrationChangedError(tag, hash, fileHash);
  }
}
