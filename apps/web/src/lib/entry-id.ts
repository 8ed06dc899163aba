/**
 * Entry ids (`ns.sub:name`) in URLs. The colon is encoded so an id is always one path segment
 * and never read as a URL scheme; ids hold no `%`, so decoding twice is harmless (Next may hand
 * the segment over encoded or decoded depending on the router path).
 */
export function entryHref(id: string, tab?: string): string {
  const base = `/registry/${encodeURIComponent(id)}`;
  return tab ? `${base}?tab=${encodeURIComponent(tab)}` : base;
}

export function entryHistoryHref(id: string): string {
  return `/registry/${encodeURIComponent(id)}/history`;
}

export function decodeEntryIdParam(param: string | string[] | undefined): string {
  const raw = Array.isArray(param) ? param.join("/") : (param ?? "");
  try {
    return decodeURIComponent(raw);
  } catch {
    // A malformed escape: show the raw text; the API answers NotFound for it.
    return raw;
  }
}

export function splitEntryId(id: string): { namespace: string; name: string } {
  const at = id.indexOf(":");
  return at < 0 ? { namespace: "", name: id } : { namespace: id.slice(0, at), name: id.slice(at + 1) };
}
