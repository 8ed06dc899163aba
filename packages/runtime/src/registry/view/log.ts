/**
 * The structured log the registry follower writes to.
 *
 * A structural subset of pino's `Logger` (`pino()` satisfies it as is), so this folder depends
 * on no logging library and tests can record lines. Fields first, message second, as in pino;
 * every line about a version carries `version` (Conventions §13).
 */
export interface ViewLog {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}
