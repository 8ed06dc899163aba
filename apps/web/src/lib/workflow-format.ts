/** Formatting for workflow runs: durations, code hashes, run links. Pure functions. */

/** `850 ms`, `1.4 s`, `2 min 5 s`, `3 h 2 min`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The first 12 hex digits: enough to tell code versions apart. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

/** Run ids may hold `/` (child runs are `<parent>/<command>`) or `%`: always one encoded segment. */
export function runHref(id: string): string {
  return `/workflows/${encodeURIComponent(id)}`;
}

/**
 * The run id from the `[id]` route segment. Next hands the segment over decoded; a segment
 * still holding an escape (`%2F`) came encoded and is decoded once. An id that itself holds a
 * `%` followed by two hex digits is the one ambiguous case; such ids are not made by Wippy.
 */
export function runIdFromParam(param: string | string[] | undefined): string {
  const raw = Array.isArray(param) ? param.join("/") : (param ?? "");
  if (!/%[0-9A-Fa-f]{2}/.test(raw)) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    // Not an escape after all: the text as it came.
    return raw;
  }
}

/** `in 12 s`, `in 3 min 4 s`, or `due` once the time has come. */
export function formatUntil(at: number, now: number = Date.now()): string {
  const ms = at - now;
  return ms <= 0 ? "due" : `in ${formatDuration(ms)}`;
}
