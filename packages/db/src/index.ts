/**
 * @wippy/db — the PostgreSQL layer: schema, client, migrator, embedded server, LISTEN.
 * This file and the package's `exports` map are the whole public surface.
 */
export * from "./schema";
export { connect, DEFAULT_CONNECT_OPTIONS, type ConnectOptions, type Database, type DbClient, type Schema, type Sql } from "./client";
export {
  migrate,
  MIGRATION_LOCK_KEY,
  MigrationChangedError,
  MigrationsNewerThanCodeError,
  type MigrateOptions,
  type MigrateResult,
} from "./migrate";
export { DEFAULT_MIGRATIONS_DIR } from "./migration-files";
export {
  EmbeddedPostgresError,
  resolveDatabase,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
  type EmbeddedPostgresErrorKind,
  type EmbeddedPostgresOptions,
  type ResolveDatabaseOptions,
  type ResolvedDatabase,
} from "./embedded";
export { DEFAULT_LISTEN_BACKOFF, listen, type ListenBackoff, type Listener, type ListenHandlers } from "./listen";
export * from "./registry";
export * from "./workflow";
export * from "./control";
export * from "./audit";
export * from "./comments";
export * from "./incidents";
export * from "./change-requests";
