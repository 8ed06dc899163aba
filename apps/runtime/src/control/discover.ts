/**
 * Where the control plane is, and the token it wants: an explicit URL and token (env
 * WIPPY_CONTROL_URL / WIPPY_NODE_TOKEN) win; otherwise the most recently started live server
 * in `control_servers` and the shared token in `control_settings`.
 *
 * Out: a `Target`, or the reason there is none yet (no server, no token, database down) —
 * an expected state the agent waits out, never an exception.
 */
import { liveServers, NODE_TOKEN_SETTING, readSetting, type Sql } from "@wippy/db";

export type Discovery = { readonly ok: true; readonly url: string; readonly token: string } | { readonly ok: false; readonly problem: string };

export interface DiscoverOptions {
  readonly sql: Sql;
  readonly controlUrl?: string;
  readonly token?: string;
}

export async function discoverControlPlane(opts: DiscoverOptions): Promise<Discovery> {
  let url = opts.controlUrl;
  let token = opts.token;
  try {
    if (!url) url = (await liveServers(opts.sql))[0]?.url;
    if (!url) return { ok: false, problem: "no control-plane server is running (none in control_servers)" };
    if (!token) token = await readSetting(opts.sql, NODE_TOKEN_SETTING);
  } catch (error) {
    return { ok: false, problem: `cannot look up the control plane in the database: ${(error as Error).message}` };
  }
  if (!token) return { ok: false, problem: "no node token yet (the control plane creates it when it first starts)" };
  return { ok: true, url: url.replace(/\/+$/, ""), token };
}
