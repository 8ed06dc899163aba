/**
 * followRegistry — keeps a node's RegistryView in step with the registry in PostgreSQL.
 *
 * How (DESIGN.md "Registry changes flow one way"): LISTEN on `wippy_registry` first, then load
 * the current snapshot (only into an empty view), then apply every newer version in order.
 * Each NOTIFY carries only a version number; each NOTIFY, each reconnect of the listening
 * connection (NOTIFYs sent while it was down are lost) and a periodic safety timer request a
 * catch-up: `versionsSince(view.version)`, applied in order. Catch-ups run one at a time and
 * concurrent requests coalesce (`serial-task.ts`), so no version is applied twice or out of order.
 *
 * Terms:
 * - lag: time from a version's creation in the database (`created_at`, the commit's transaction
 *   start) to the view having applied it; logged per version at debug level.
 * - A version that does not fit the view (`diverged`) makes the follower reload a snapshot.
 *
 * In: a registry store, the database URL, the view, a log. Out: `{catchUp, close}` once the
 * view holds the current version. Failures after start (database away) are logged and retried
 * on the next trigger; the first load failing rejects the returned promise.
 */
import { DEFAULT_LISTEN_BACKOFF, listen, REGISTRY_CHANNEL } from "@wippy/db";
import type { ListenBackoff, RegistryStore, VersionDelta } from "@wippy/db";
import type { ViewLog } from "./log";
import type { RegistryView } from "./registry-view";
import { serialTask } from "./serial-task";

export interface FollowDefaults {
  /** Catch up this often even without a NOTIFY: a safety net, not the fast path. */
  safetyIntervalMs: number;
  /** Versions fetched per query. */
  pageSize: number;
}

export const DEFAULT_FOLLOW: FollowDefaults = { safetyIntervalMs: 5_000, pageSize: 1_000 };
const RETRY_INITIAL_MS = 100;
const RETRY_MAX_MS = 5_000;

export interface FollowRegistryOptions extends Partial<FollowDefaults> {
  store: Pick<RegistryStore, "snapshot" | "versionsSince">;
  url: string;
  view: RegistryView;
  log: ViewLog;
  backoff?: ListenBackoff;
}

export interface RegistryFollower {
  /** Fetches and applies every version newer than the view's; resolves when that is done. */
  catchUp(): Promise<void>;
  close(): Promise<void>;
}

export async function followRegistry(options: FollowRegistryOptions): Promise<RegistryFollower> {
  const { store, view, log } = options;
  const { safetyIntervalMs, pageSize } = { ...DEFAULT_FOLLOW, ...definedOnly(options) };
  let closed = false;
  let needsSnapshot = view.version === 0;

  async function loadSnapshot(reason: "start" | "diverged"): Promise<void> {
    const snapshot = await store.snapshot();
    view.load(snapshot);
    log.info({ version: view.version, entries: view.size, reason }, "registry snapshot loaded");
  }

  /** Applies pages of newer versions until the database has none left. */
  async function applyNewVersions(): Promise<void> {
    let reloaded = false;
    while (!closed) {
      const deltas = await store.versionsSince(view.version, pageSize);
      if (deltas.length === 0) return;
      const result = applyPage(deltas);
      if (result === "gap") return;
      if (result === "diverged") {
        if (reloaded) throw new Error(`registry view diverged again right after a snapshot reload (at version ${view.version})`);
        reloaded = true;
        await loadSnapshot("diverged");
        continue;
      }
      if (deltas.length < pageSize) return;
    }
  }

  function applyPage(deltas: readonly VersionDelta[]): "done" | "gap" | "diverged" {
    for (const delta of deltas) {
      const outcome = view.applyDelta(delta);
      switch (outcome.status) {
        case "applied": {
          const { version, changes } = outcome.update;
          log.debug({ version, changes: changes.length, lagMs: Date.now() - delta.version.createdAt.getTime() }, "registry version applied");
          break;
        }
        case "duplicate":
          break;
        case "gap":
          // The store numbers versions without gaps, so this is a bug or a race we do not know
          // of: never skip; stop here and let the next trigger fetch again.
          log.warn({ version: view.version, expected: outcome.expected, got: outcome.got }, "registry versions missing from a catch-up");
          return "gap";
        case "diverged":
          log.error({ version: view.version, reason: outcome.reason }, "registry view diverged from the database; reloading a snapshot");
          return "diverged";
        default:
          return assertNever(outcome);
      }
    }
    return "done";
  }

  const task = serialTask(async () => {
    if (closed) return;
    if (needsSnapshot) {
      await loadSnapshot("start");
      needsSnapshot = false;
    }
    await applyNewVersions();
  });

  // A failed catch-up (the database away, or a pooled connection that died with it) is
  // retried with backoff, not left to the next NOTIFY or safety tick.
  let retryMs = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  const trigger = (): void => {
    task.request().then(
      () => {
        retryMs = 0;
      },
      (error: unknown) => {
        if (closed) return;
        retryMs = Math.min(retryMs === 0 ? RETRY_INITIAL_MS : retryMs * 2, RETRY_MAX_MS);
        log.warn({ version: view.version, err: error, retryInMs: retryMs }, "registry catch-up failed; will retry");
        clearTimeout(retryTimer);
        retryTimer = setTimeout(trigger, retryMs);
        retryTimer.unref();
      },
    );
  };

  const listener = await listen(
    options.url,
    REGISTRY_CHANNEL,
    {
      onNotify(payload) {
        const version = Number(payload);
        if (Number.isInteger(version) && version <= view.version) return;
        trigger();
      },
      onReconnect() {
        log.info({ version: view.version }, "registry listener reconnected; catching up");
        trigger();
      },
      onError(error) {
        log.warn({ version: view.version, err: error }, "registry listener connection failed");
      },
    },
    options.backoff ?? DEFAULT_LISTEN_BACKOFF,
  );

  try {
    await task.request();
  } catch (error) {
    closed = true;
    await listener.close();
    throw error;
  }
  const timer = setInterval(trigger, safetyIntervalMs);
  timer.unref();
  log.info({ version: view.version, entries: view.size }, "registry view following the database");

  return {
    catchUp: () => task.request(),
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      clearTimeout(retryTimer);
      await listener.close();
      await task.idle();
    },
  };
}

function definedOnly(options: Partial<FollowDefaults>): Partial<FollowDefaults> {
  const out: Partial<FollowDefaults> = {};
  if (options.safetyIntervalMs !== undefined) out.safetyIntervalMs = options.safetyIntervalMs;
  if (options.pageSize !== undefined) out.pageSize = options.pageSize;
  return out;
}

function assertNever(value: never): never {
  throw new Error(`unexpected apply outcome: ${JSON.stringify(value)}`);
}
