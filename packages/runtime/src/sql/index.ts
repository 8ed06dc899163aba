/**
 * SQL databases for Lua — the PostgreSQL side of the `sql` module (`lua/modules/sql` holds the
 * Lua side and the `SqlConnector` port it is given). Only this folder imports the driver.
 *
 * - `PostgresConnector`: `db.sql.postgres` registry entries → one postgres.js pool per entry,
 *   created lazily, closed on hot change and node stop.
 * - `postgresConfigOf`: entry fields (Wippy's system/database.md) → pool settings.
 * - Value mapping (`postgres-values.ts`) and error kinds (`postgres-errors.ts`).
 */
export { PostgresConnector, POSTGRES_KIND, type PostgresConnectorOptions } from "./postgres-connector";
export { postgresConfigOf, DEFAULT_POSTGRES_POOL, SSL_MODES, type EnvLookup, type PostgresConfig } from "./postgres-config";
export { PostgresDatabase } from "./postgres-database";
export { sqlError, classifySqlState } from "./postgres-errors";
export { exactNumber, rfc3339, bindValues } from "./postgres-values";
export { scanSql, type SqlScan } from "./postgres-sql-text";
