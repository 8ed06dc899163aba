/**
 * Keeps a `ProcessTable` following every node, over a `ProcessFeedPort` (the `/ui` socket and
 * tRPC in the browser, a fake in process-feed.test.ts):
 *
 * 1. subscribe to the process deltas FIRST, then to the node list;
 * 2. for every node, take a snapshot (`processes.snapshot`); deltas that arrive meanwhile are
 *    buffered by the table and those after the snapshot's seq applied on top;
 * 3. a gap in a node's seq, or a delta from a node not seen yet, takes a new snapshot;
 * 4. a node that joins is synced, one that leaves loses its rows; a snapshot that failed is
 *    tried again after `retryMs` while the node is listed;
 * 5. after a reconnect, all of this again (nodes gone meanwhile are dropped).
 *
 * Batching: nothing touches the table when an event arrives. Events queue, `onPending` asks
 * the owner to `drain()` soon (once per animation frame in the browser), and the drain applies
 * everything queued in one go — so a burst of deltas costs one re-render, and the table only
 * changes between two renders.
 */
import type { ProcessDelta, ProcessSnapshot } from "@wippy/shared";
import type { ProcessTable } from "./process-table";

export type FeedConnection = "connecting" | "live" | "offline" | "refused";

/** `retry`: no answer came (try again later), rather than a refusal (the role, the session). */
export type SubscribeResult = { ok: true; nodes: string[] } | { ok: false; message: string; retry?: boolean };

/** What the feed needs from the outside world. Each `on…` returns its `off`. */
export interface ProcessFeedPort {
  isConnected(): boolean;
  onConnect(listener: () => void): () => void;
  onDisconnect(listener: () => void): () => void;
  onDelta(listener: (nodeId: string, delta: ProcessDelta) => void): () => void;
  onNodeJoined(listener: (nodeId: string) => void): () => void;
  onNodeLeft(listener: (nodeId: string) => void): () => void;
  /** Process deltas first, then the node list. */
  subscribe(): Promise<SubscribeResult>;
  unsubscribe(): void;
  /** Rejects with an Error whose message is fit for people. */
  fetchSnapshot(nodeId: string): Promise<ProcessSnapshot>;
}

export interface FeedStatus {
  readonly connection: FeedConnection;
  readonly refusal: string | null;
  /** When the last delta was applied (ms since the epoch), for the live indicator. */
  readonly lastDeltaAt: number | null;
}

export interface FeedOptions {
  /** Wait before asking again for a snapshot (or a subscription) that failed. */
  readonly retryMs: number;
}

export const DEFAULT_FEED: FeedOptions = Object.freeze({ retryMs: 3_000 });

type Op = () => void;

export class ProcessFeed {
  private readonly queue: Op[] = [];
  private readonly offs: (() => void)[] = [];
  private readonly retries = new Map<string, ReturnType<typeof setTimeout>>();
  private known = new Set<string>();
  private running = false;
  private session = 0;
  private status: FeedStatus = { connection: "connecting", refusal: null, lastDeltaAt: null };

  constructor(
    private readonly port: ProcessFeedPort,
    private readonly table: ProcessTable,
    private readonly onPending: () => void,
    private readonly options: FeedOptions = DEFAULT_FEED,
    private readonly clock: () => number = Date.now,
  ) {}

  get current(): FeedStatus {
    return this.status;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const { port } = this;
    this.offs.push(
      port.onConnect(() => void this.connect()),
      port.onDisconnect(() => this.enqueue(() => this.setStatus({ connection: "offline" }))),
      port.onDelta((nodeId, delta) => this.enqueue(() => this.applyDelta(nodeId, delta))),
      port.onNodeJoined((nodeId) =>
        this.enqueue(() => {
          this.known.add(nodeId);
          this.sync(nodeId);
        }),
      ),
      port.onNodeLeft((nodeId) =>
        this.enqueue(() => {
          this.known.delete(nodeId);
          this.dropNode(nodeId);
        }),
      ),
    );
    // Not connected yet: the socket is on its way ("connecting"); a failure comes as a disconnect.
    if (port.isConnected()) void this.connect();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.session += 1;
    for (const off of this.offs.splice(0)) off();
    for (const timer of this.retries.values()) clearTimeout(timer);
    this.retries.clear();
    this.queue.length = 0;
    if (this.port.isConnected()) this.port.unsubscribe();
  }

  /** Applies everything queued since the last drain. */
  drain(): void {
    for (const op of this.queue.splice(0)) op();
  }

  private enqueue(op: Op): void {
    if (!this.running) return;
    this.queue.push(op);
    this.onPending();
  }

  private setStatus(change: Partial<FeedStatus>): void {
    this.status = { ...this.status, ...change };
  }

  private async connect(): Promise<void> {
    const session = ++this.session;
    this.enqueue(() => this.setStatus({ connection: "connecting" }));
    const result = await this.port.subscribe();
    if (session !== this.session) return;
    this.enqueue(() => {
      if (!result.ok) {
        this.setStatus({ connection: result.retry ? "offline" : "refused", refusal: result.message });
        if (result.retry) setTimeout(() => session === this.session && this.port.isConnected() && void this.connect(), this.options.retryMs);
        return;
      }
      this.setStatus({ connection: "live", refusal: null });
      this.known = new Set(result.nodes);
      for (const info of this.table.nodeInfos()) if (!this.known.has(info.nodeId)) this.dropNode(info.nodeId);
      for (const nodeId of this.known) this.sync(nodeId);
    });
  }

  private applyDelta(nodeId: string, delta: ProcessDelta): void {
    const outcome = this.table.applyDelta(nodeId, delta);
    if (outcome === "applied") this.setStatus({ lastDeltaAt: this.clock() });
    if (outcome === "needs-sync") {
      this.known.add(nodeId);
      this.sync(nodeId);
    }
  }

  private sync(nodeId: string): void {
    clearTimeout(this.retries.get(nodeId));
    this.retries.delete(nodeId);
    const generation = this.table.beginSync(nodeId);
    const session = this.session;
    this.port.fetchSnapshot(nodeId).then(
      (snapshot) =>
        session === this.session &&
        this.enqueue(() => {
          if (this.table.applySnapshot(nodeId, generation, snapshot) === "needs-sync") this.sync(nodeId);
        }),
      (error: unknown) =>
        session === this.session &&
        this.enqueue(() => {
          if (!this.known.has(nodeId)) return this.dropNode(nodeId);
          this.table.failSync(nodeId, generation, error instanceof Error ? error.message : String(error));
          this.retryLater(nodeId);
        }),
    );
  }

  /** A failed snapshot is asked for again, unless the node left or synced meanwhile. */
  private retryLater(nodeId: string): void {
    const timer = setTimeout(() => {
      this.retries.delete(nodeId);
      this.enqueue(() => {
        const failed = this.table.nodeInfos().some((n) => n.nodeId === nodeId && n.state === "failed");
        if (failed && this.known.has(nodeId)) this.sync(nodeId);
      });
    }, this.options.retryMs);
    this.retries.set(nodeId, timer);
  }

  private dropNode(nodeId: string): void {
    clearTimeout(this.retries.get(nodeId));
    this.retries.delete(nodeId);
    this.table.removeNode(nodeId);
  }
}
