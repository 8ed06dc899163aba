/**
 * Process pages in URLs: `/processes/<node id>/<pid>`. Pids (`{app:procs|0x00002}`) and node
 * ids hold characters with a meaning in URLs (`{`, `|`, `:`), so each is one encoded path
 * segment. Next may hand a segment over encoded or decoded depending on the router path, so
 * the page decodes what it gets once more when that is possible — harmless for pids and node
 * ids, which hold no `%`.
 */
export function processHref(nodeId: string, pid: string): string {
  return `/processes/${encodeURIComponent(nodeId)}/${encodeURIComponent(pid)}`;
}

export function decodeProcessParam(param: string | string[] | undefined): string {
  const raw = Array.isArray(param) ? param.join("/") : (param ?? "");
  try {
    return decodeURIComponent(raw);
  } catch {
    // A malformed escape: the raw text, which the node answers as "no such process".
    return raw;
  }
}

/** The live log view, filtered to one process. */
export function processLogsHref(nodeId: string, pid: string): string {
  return `/logs?node=${encodeURIComponent(nodeId)}&pid=${encodeURIComponent(pid)}`;
}
