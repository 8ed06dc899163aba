/**
 * The registry list's filters, kept in the URL (`?ns=app&kind=function.lua&meta=type%3Dtest&search=x`)
 * so a filtered list can be linked, reloaded and reached back with the browser's history.
 */
export interface RegistryFilters {
  namespace?: string;
  kind?: string;
  search?: string;
  /** `key=value` pairs (meta equality). */
  meta: Record<string, string>;
}

export function readFilters(params: URLSearchParams): RegistryFilters {
  const meta: Record<string, string> = {};
  for (const pair of params.getAll("meta")) {
    const at = pair.indexOf("=");
    if (at > 0) meta[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return {
    namespace: params.get("ns") || undefined,
    kind: params.get("kind") || undefined,
    search: params.get("search") || undefined,
    meta,
  };
}

export function writeFilters(filters: RegistryFilters): string {
  const params = new URLSearchParams();
  if (filters.namespace) params.set("ns", filters.namespace);
  if (filters.kind) params.set("kind", filters.kind);
  if (filters.search) params.set("search", filters.search);
  for (const [key, value] of Object.entries(filters.meta)) params.append("meta", `${key}=${value}`);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** `type=test, suite=unit` → `{type: "test", suite: "unit"}`; the pairs it could not read. */
export function parseMetaText(text: string): { meta: Record<string, string>; bad: string[] } {
  const meta: Record<string, string> = {};
  const bad: string[] = [];
  for (const part of text.split(",")) {
    const item = part.trim();
    if (!item) continue;
    const at = item.indexOf("=");
    if (at > 0) meta[item.slice(0, at).trim()] = item.slice(at + 1).trim();
    else bad.push(item);
  }
  return { meta, bad };
}

export function metaText(meta: Record<string, string>): string {
  return Object.entries(meta)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
}
