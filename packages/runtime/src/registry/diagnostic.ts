/**
 * Diagnostics: what the loader and exporter say about files, pointed at a place a person can
 * open. Errors block applying anything; warnings never do.
 *
 * Terms:
 * - `file`: a path relative to the application folder, with `/` separators, so messages read
 *   the same on every machine (`api/_index.yaml`).
 * - `line`/`column`: 1-based, as editors count them.
 * - `entryId`: the entry the message is about, when there is one.
 */

export interface Position {
  line: number;
  column: number;
}

export interface Diagnostic {
  file: string;
  line?: number;
  column?: number;
  entryId?: string;
  message: string;
}

/**
 * `api/_index.yaml:12: app.api:hello: message` — the place first, as compilers print it. The
 * column stays in the object (for editors and the UI); the line is enough for a person.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line !== undefined ? `${d.file}:${d.line}` : d.file;
  return d.entryId ? `${where}: ${d.entryId}: ${d.message}` : `${where}: ${d.message}`;
}

/** Orders diagnostics by file, then line, then column, so output is stable between runs. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareText(a.message, b.message),
  );
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function at(file: string, position: Position | undefined, message: string, entryId?: string): Diagnostic {
  const d: Diagnostic = { file, message };
  if (position) {
    d.line = position.line;
    d.column = position.column;
  }
  if (entryId !== undefined) d.entryId = entryId;
  return d;
}
