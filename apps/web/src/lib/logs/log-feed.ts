/**
 * Keeps a `LogBook` following every node's log over a `LogFeedPort` (the `/ui` socket and
 * tRPC in the browser, a fake in log-feed.test.ts): subscribe to `logs:lines` FIRST, then
 * fetch the recent lines of every node (`processes.logs`); the book drops the lines both
 * bring. After a reconnect, the same again. As with the process feed, events queue and are
 * applied by `drain()`, once per animation frame.
 */
import type { LogLine } from "@wippy/shared";
import type { FeedConnection, SubscribeResult } from "@/lib/processes/process-feed";
import type { LogBook } from "./log-book";

export interface RecentLogs {
  readonly nodeId: string;
  readonly lines: LogLine[];
  readonly error?: string;
}

export interface LogFeedPort {
  isConnected(): boolean;
  onConnect(listener: () => void): () => void;
  onDisconnect(listener: () => void): () => void;
  onLines(listener: (nodeId: string, lines: LogLine[]) => void): () => void;
  subscribe(): Promise<Exclude<SubscribeResult, { ok: true }> | { ok: true }>;
  unsubscribe(): void;
  /** Rejects with an Error whose message is fit for people. */
  fetchRecent(): Promise<RecentLogs[]>;
}

export interface LogFeedStatus {
  readonly connection: FeedConnection;
  readonly problem: string | null;
  /** Nodes whose recent lines could not be read (their streamed lines still come). */
  readonly nodeErrors: readonly { nodeId: string; error: string }[];
}

export interface LogFeedOptions {
  readonly retryMs: number;
  /** Recent lines asked of each node when the view opens. */
  readonly recent: number;
}

export const DEFAULT_LOG_FEED: LogFeedOptions = Object.freeze({ retryMs: 3_000, recent: 1_000 });

export class LogFeed {
  private readonly queue: (() => void)[] = [];
  private readonly offs: (() => void)[] = [];
  private running = false;
  private session = 0;
  private status: LogFeedStatus = { connection: "connecting", problem: null, nodeErrors: [] };

  constructor(
    private readonly port: LogFeedPort,
    private readonly book: LogBook,
    private readonly onPending: () => void,
    private readonly options: LogFeedOptions = DEFAULT_LOG_FEED,
  ) {}

  get current(): LogFeedStatus {
    return this.status;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.offs.push(
      this.port.onConnect(() => void this.connect()),
      this.port.onDisconnect(() => this.enqueue(() => this.setStatus({ connection: "offline" }))),
      this.port.onLines((nodeId, lines) => this.enqueue(() => this.book.add(nodeId, lines))),
    );
    // Not connected yet: the socket is on its way ("connecting"); a failure comes as a disconnect.
    if (this.port.isConnected()) void this.connect();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.session += 1;
    for (const off of this.offs.splice(0)) off();
    this.queue.length = 0;
    if (this.port.isConnected()) this.port.unsubscribe();
  }

  drain(): void {
    for (const op of this.queue.splice(0)) op();
  }

  private enqueue(op: () => void): void {
    if (!this.running) return;
    this.queue.push(op);
    this.onPending();
  }

  private setStatus(change: Partial<LogFeedStatus>): void {
    this.status = { ...this.status, ...change };
  }

  private async connect(): Promise<void> {
    const session = ++this.session;
    this.enqueue(() => this.setStatus({ connection: "connecting" }));
    const subscribed = await this.port.subscribe();
    if (session !== this.session) return;
    if (!subscribed.ok) {
      this.enqueue(() => this.setStatus({ connection: subscribed.retry ? "offline" : "refused", problem: subscribed.message }));
      if (subscribed.retry) setTimeout(() => session === this.session && this.port.isConnected() && void this.connect(), this.options.retryMs);
      return;
    }
    this.enqueue(() => this.setStatus({ connection: "live", problem: null }));
    try {
      const recent = await this.port.fetchRecent();
      if (session !== this.session) return;
      this.enqueue(() => {
        for (const node of recent) this.book.add(node.nodeId, node.lines);
        this.setStatus({ nodeErrors: recent.filter((n) => n.error !== undefined).map((n) => ({ nodeId: n.nodeId, error: n.error ?? "" })) });
      });
    } catch (error) {
      // The stream is up; only the history is missing. Say so, and keep streaming.
      if (session === this.session) this.enqueue(() => this.setStatus({ problem: `recent lines could not be read: ${(error as Error).message}` }));
    }
  }
}
