/**
 * Origin check for state-changing requests (CSRF defence beside SameSite=Lax cookies).
 *
 * A browser names the page that made a request in `Origin` (and `Sec-Fetch-Site`); a
 * cross-site page cannot forge either. A request is accepted when:
 * - `Origin` is present and is the request's own origin (same host as `Host`) or a trusted one
 *   (the server's base URL and its configured trusted origins);
 * - else `Sec-Fetch-Site`, when present, says `same-origin` or `none` (typed by the user);
 * - else `Referer`, when present, has a trusted or same-host origin;
 * - else there is no browser involved at all (curl, the CLI): nothing to forge, accepted.
 *
 * In: request headers and the trusted origins. Out: a verdict; the reason names the origin.
 */
import type { IncomingHttpHeaders } from "node:http";

export type OriginVerdict = { ok: true } | { ok: false; reason: string };

export type HeaderSource = Headers | IncomingHttpHeaders | Record<string, string | string[] | undefined>;

const SAFE_FETCH_SITES = new Set(["same-origin", "none"]);

export function checkRequestOrigin(source: HeaderSource, trustedOrigins: readonly string[]): OriginVerdict {
  const headers = toHeaders(source);
  const host = headers.get("host");
  const trusted = new Set(trustedOrigins.map(normalizeOrigin).filter((o): o is string => o !== null));
  const accepts = (origin: string): boolean => {
    const normal = normalizeOrigin(origin);
    if (normal === null) return false;
    return trusted.has(normal) || (host !== null && new URL(normal).host === host.toLowerCase());
  };

  const origin = headers.get("origin");
  if (origin !== null) {
    return accepts(origin) ? { ok: true } : { ok: false, reason: `cross-site request refused: origin ${origin} is not this server's` };
  }
  const site = headers.get("sec-fetch-site");
  if (site !== null) {
    return SAFE_FETCH_SITES.has(site) ? { ok: true } : { ok: false, reason: `cross-site request refused (Sec-Fetch-Site: ${site})` };
  }
  const referer = headers.get("referer");
  if (referer !== null) {
    return accepts(referer) ? { ok: true } : { ok: false, reason: `cross-site request refused: referer ${referer} is not this server's` };
  }
  return { ok: true };
}

/** Node's `IncomingHttpHeaders` (what the node-http adapter has) or fetch `Headers` → `Headers`. */
export function toHeaders(source: HeaderSource): Headers {
  if (source instanceof Headers) return source;
  const headers = new Headers();
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

/** `https://Example.com:443/x` → `https://example.com`; null for what is not an http(s) URL ("null" origins). */
function normalizeOrigin(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    // Not a URL (e.g. the literal origin "null" of sandboxed frames): never trusted.
    return null;
  }
}
