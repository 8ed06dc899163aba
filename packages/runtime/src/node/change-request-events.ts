/**
 * Change-request outcomes on this node's bus (issue 9): whoever decides a request — a person on
 * any control-plane server, or nobody yet (a proposal) — every runtime node hears of it and
 * tells its processes, so an agent waiting with `events.subscribe("registry.change_request")`
 * hears the outcome wherever it runs.
 *
 * How: the store NOTIFYs `wippy_change_requests` with `{id, status, seq}` in the transaction
 * that changes the request; this follower LISTENs, reads the request back and publishes
 * `{system = "registry.change_request", kind = <status>, path = <id>, data = {…}}`.
 * - An `applied` outcome is published only once this node's registry view has applied the
 *   version it became (or after `viewWaitMs`, with a warning): an agent that hears "applied"
 *   can call what it proposed at once.
 * - Each request's events are published in seq order, each seq at most once (`seen`).
 * - NOTIFYs sent while the LISTEN connection is down are lost: after a reconnect the follower
 *   reads every request changed since shortly before it last heard anything (`catchUpMarginMs`,
 *   which covers a transaction that was still committing) and publishes what it has not yet.
 *
 * In: the store, the database URL, the view, the bus, a logger. Out: `{ close() }`.
 */
import { CHANGE_REQUESTS_CHANNEL, listen, type ChangeRequestStore, type Listener } from "@wippy/db";
import { CHANGE_REQUEST_EVENT_SYSTEM, changeRequestEventData, type ChangeRequest, type ChangeRequestNotice } from "@wippy/shared";
import type { EventBus } from "../events";
import type { RegistryView } from "../registry";
import type { NodeLogger } from "./runtime-node";

export const DEFAULT_CHANGE_REQUEST_EVENTS = {
  viewWaitMs: 10_000,
  catchUpMarginMs: 60_000,
  /** Requests whose last published seq is remembered. */
  seenLimit: 10_000,
} as const;

export interface ChangeRequestEventsOptions {
  readonly store: Pick<ChangeRequestStore, "get" | "changedSince">;
  readonly url: string;
  readonly view: Pick<RegistryView, "version" | "subscribe">;
  readonly bus: Pick<EventBus, "publish">;
  readonly logger: NodeLogger;
  readonly viewWaitMs?: number;
}

export async function publishChangeRequestEvents(opts: ChangeRequestEventsOptions): Promise<{ close(): Promise<void> }> {
  const settings = { ...DEFAULT_CHANGE_REQUEST_EVENTS, ...(opts.viewWaitMs !== undefined && { viewWaitMs: opts.viewWaitMs }) };
  const seen = new Map<number, number>();
  const queues = new Map<number, Promise<void>>();
  let lastHeard = Date.now();
  let closed = false;

  const viewReached = (version: number): Promise<boolean> => {
    if (opts.view.version >= version) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (reached: boolean) => {
        clearTimeout(timer);
        stop();
        resolve(reached);
      };
      const stop = opts.view.subscribe((u) => {
        if (u.version >= version) done(true);
      });
      const timer = setTimeout(() => done(false), settings.viewWaitMs);
    });
  };

  const publish = async (cr: ChangeRequest): Promise<void> => {
    if ((seen.get(cr.id) ?? 0) >= cr.seq || closed) return;
    if (cr.status === "applied" && cr.appliedVersion !== null && !(await viewReached(cr.appliedVersion))) {
      opts.logger.warn({ changeRequest: cr.id, version: cr.appliedVersion, viewVersion: opts.view.version }, `change request #${cr.id} was applied as version ${cr.appliedVersion}, which this node has not applied yet`);
    }
    if ((seen.get(cr.id) ?? 0) >= cr.seq || closed) return;
    seen.delete(cr.id);
    seen.set(cr.id, cr.seq);
    if (seen.size > settings.seenLimit) seen.delete(seen.keys().next().value as number);
    opts.bus.publish({ system: CHANGE_REQUEST_EVENT_SYSTEM, kind: cr.status, path: String(cr.id), data: changeRequestEventData(cr) });
  };

  /** Per request, one thing at a time: events of one request go out in seq order. */
  const enqueue = (id: number, work: () => Promise<void>): void => {
    const next = (queues.get(id) ?? Promise.resolve()).then(work).catch((error: unknown) => {
      opts.logger.error({ changeRequest: id, err: error }, `change request #${id}: could not publish its outcome: ${error instanceof Error ? error.message : String(error)}`);
    });
    queues.set(id, next);
    void next.finally(() => {
      if (queues.get(id) === next) queues.delete(id);
    });
  };

  const onNotice = (notice: ChangeRequestNotice): void => {
    lastHeard = Date.now();
    if ((seen.get(notice.id) ?? 0) >= notice.seq) return;
    enqueue(notice.id, async () => {
      const cr = await opts.store.get(notice.id);
      if (cr) await publish(cr);
    });
  };

  const catchUp = (): void => {
    const since = new Date(lastHeard - settings.catchUpMarginMs);
    lastHeard = Date.now();
    void opts.store.changedSince(since).then(
      (changed) => {
        for (const cr of changed) enqueue(cr.id, () => publish(cr));
      },
      (error: unknown) => opts.logger.error({ err: error }, `change requests: catching up after a reconnect failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  };

  const listener: Listener = await listen(opts.url, CHANGE_REQUESTS_CHANNEL, {
    onNotify: (payload) => onNotice(JSON.parse(payload) as ChangeRequestNotice),
    onReconnect: catchUp,
    onError: (error) => opts.logger.warn({ err: error }, `change requests: LISTEN ${CHANGE_REQUESTS_CHANNEL}: ${error.message}`),
  });

  return {
    async close() {
      closed = true;
      await listener.close();
      await Promise.allSettled([...queues.values()]);
    },
  };
}
