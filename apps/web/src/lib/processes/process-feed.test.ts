/**
 * The inspector's protocol over a scripted port: subscribe before the snapshots, buffered
 * deltas, gap recovery, nodes joining and leaving, failed snapshots retried, reconnects.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ProcessDelta, ProcessSnapshot } from "@wippy/shared";
import { delta, row, snapshot } from "./fixtures";
import { ProcessFeed, type ProcessFeedPort, type SubscribeResult } from "./process-feed";
import { ProcessTable } from "./process-table";

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: Error) => void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

class FakePort implements ProcessFeedPort {
  connected = true;
  log: string[] = [];
  nodes: string[] = ["n1"];
  refusal: string | null = null;
  snapshots: { nodeId: string; reply: Deferred<ProcessSnapshot> }[] = [];
  private listeners = new Map<string, Set<(...args: unknown[]) => void>>();

  private on<A extends unknown[]>(event: string, listener: (...args: A) => void): () => void {
    const untyped = listener as unknown as (...args: unknown[]) => void;
    const set = this.listeners.get(event) ?? new Set();
    set.add(untyped);
    this.listeners.set(event, set);
    return () => void set.delete(untyped);
  }
  fire(event: string, ...args: unknown[]): void {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }
  listenerCount(): number {
    return [...this.listeners.values()].reduce((n, s) => n + s.size, 0);
  }

  isConnected = () => this.connected;
  onConnect = (l: () => void) => this.on("connect", l);
  onDisconnect = (l: () => void) => this.on("disconnect", l);
  onDelta = (l: (nodeId: string, d: ProcessDelta) => void) => this.on("delta", l);
  onNodeJoined = (l: (nodeId: string) => void) => this.on("joined", l);
  onNodeLeft = (l: (nodeId: string) => void) => this.on("left", l);
  subscribe = async (): Promise<SubscribeResult> => {
    this.log.push("subscribe");
    return this.refusal ? { ok: false, message: this.refusal } : { ok: true, nodes: [...this.nodes] };
  };
  unsubscribe = () => void this.log.push("unsubscribe");
  fetchSnapshot = (nodeId: string) => {
    this.log.push(`snapshot ${nodeId}`);
    const reply = deferred<ProcessSnapshot>();
    this.snapshots.push({ nodeId, reply });
    return reply.promise;
  };
  /** Answers the oldest open snapshot request of `nodeId`. */
  answer(nodeId: string, value: ProcessSnapshot | Error): void {
    const at = this.snapshots.findIndex((s) => s.nodeId === nodeId);
    const [pending] = this.snapshots.splice(at, 1);
    if (!pending) throw new Error(`no snapshot request for ${nodeId}`);
    if (value instanceof Error) pending.reply.reject(value);
    else pending.reply.resolve(value);
  }
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("ProcessFeed", () => {
  let port: FakePort;
  let table: ProcessTable;
  let feed: ProcessFeed;
  let pending = 0;
  const drain = async () => {
    await settle();
    feed.drain();
    await settle();
    feed.drain();
  };
  const pids = () => [...table.values()].map((r) => `${r.nodeId}/${r.pid}`).sort();

  beforeEach(() => {
    port = new FakePort();
    table = new ProcessTable();
    pending = 0;
    feed = new ProcessFeed(port, table, () => void (pending += 1), { retryMs: 1_000 }, () => 42);
  });
  afterEach(() => {
    feed.stop();
    vi.useRealTimers();
  });

  it("subscribes before it asks for snapshots, and applies the deltas that arrived meanwhile", async () => {
    feed.start();
    await drain();
    expect(port.log).toEqual(["subscribe", "snapshot n1"]);
    expect(feed.current.connection).toBe("live");
    port.fire("delta", "n1", delta(4, [row("b")]));
    port.fire("delta", "n1", delta(3, [row("stale")]));
    port.answer("n1", snapshot(3, [row("a")]));
    await drain();
    expect(pids()).toEqual(["n1/a", "n1/b"]);
    expect(table.nodeInfos()[0]).toMatchObject({ state: "live", seq: 4 });
    expect(pending).toBeGreaterThan(0);
  });

  it("touches the table only when drained", async () => {
    feed.start();
    await drain();
    port.answer("n1", snapshot(1, [row("a")]));
    await drain();
    port.fire("delta", "n1", delta(2, [], ["a"]));
    expect(pids()).toEqual(["n1/a"]);
    feed.drain();
    expect(pids()).toEqual([]);
    expect(feed.current.lastDeltaAt).toBe(42);
  });

  it("takes a new snapshot after a gap in seq", async () => {
    feed.start();
    await drain();
    port.answer("n1", snapshot(1, [row("a")]));
    await drain();
    port.fire("delta", "n1", delta(3, [row("c")]));
    await drain();
    expect(port.log.filter((l) => l === "snapshot n1")).toHaveLength(2);
    port.answer("n1", snapshot(3, [row("a"), row("c")]));
    await drain();
    expect(pids()).toEqual(["n1/a", "n1/c"]);
  });

  it("syncs a node that joins or streams unannounced, and drops one that leaves", async () => {
    feed.start();
    await drain();
    port.answer("n1", snapshot(1, [row("a")]));
    port.fire("joined", "n2");
    port.fire("delta", "n3", delta(8, [row("x")]));
    await drain();
    expect(port.log).toEqual(["subscribe", "snapshot n1", "snapshot n2", "snapshot n3"]);
    port.answer("n2", snapshot(1, [row("b")]));
    port.answer("n3", snapshot(7, []));
    await drain();
    expect(pids()).toEqual(["n1/a", "n2/b", "n3/x"]);
    port.fire("left", "n2");
    await drain();
    expect(pids()).toEqual(["n1/a", "n3/x"]);
  });

  it("marks a failed snapshot and asks again later while the node is listed", async () => {
    vi.useFakeTimers();
    feed.start();
    await vi.advanceTimersByTimeAsync(0);
    feed.drain();
    port.answer("n1", new Error("runtime node n1 did not answer"));
    await vi.advanceTimersByTimeAsync(0);
    feed.drain();
    expect(table.nodeInfos()[0]).toMatchObject({ state: "failed", error: "runtime node n1 did not answer" });
    await vi.advanceTimersByTimeAsync(1_000);
    feed.drain();
    expect(port.log.filter((l) => l === "snapshot n1")).toHaveLength(2);
    port.answer("n1", snapshot(1, [row("a")]));
    await vi.advanceTimersByTimeAsync(0);
    feed.drain();
    expect(table.nodeInfos()[0]).toMatchObject({ state: "live", error: null });
  });

  it("after a reconnect subscribes again, syncs every node and drops those gone", async () => {
    port.nodes = ["n1", "n2"];
    feed.start();
    await drain();
    port.answer("n1", snapshot(1, [row("a")]));
    port.answer("n2", snapshot(1, [row("b")]));
    await drain();
    port.connected = false;
    port.fire("disconnect");
    await drain();
    expect(feed.current.connection).toBe("offline");
    expect(pids()).toEqual(["n1/a", "n2/b"]); // kept while offline, shown as stale
    port.connected = true;
    port.nodes = ["n1"];
    port.fire("connect");
    await drain();
    expect(pids()).toEqual(["n1/a"]);
    expect(port.log.slice(-2)).toEqual(["subscribe", "snapshot n1"]);
    port.answer("n1", snapshot(5, [row("a"), row("d")]));
    await drain();
    expect(pids()).toEqual(["n1/a", "n1/d"]);
    expect(feed.current.connection).toBe("live");
  });

  it("waits for a socket still connecting, then subscribes when it connects", async () => {
    port.connected = false;
    feed.start();
    await drain();
    expect(feed.current.connection).toBe("connecting");
    expect(port.log).toEqual([]);
    port.connected = true;
    port.fire("connect");
    await drain();
    expect(port.log).toEqual(["subscribe", "snapshot n1"]);
  });

  it("shows a refusal, and stops cleanly: listeners off, unsubscribed, late answers ignored", async () => {
    port.refusal = "this needs the viewer role";
    feed.start();
    await drain();
    expect(feed.current).toMatchObject({ connection: "refused", refusal: "this needs the viewer role" });
    port.refusal = null;
    port.fire("connect");
    await drain();
    feed.stop();
    expect(port.listenerCount()).toBe(0);
    expect(port.log.at(-1)).toBe("unsubscribe");
    port.answer("n1", snapshot(1, [row("late")]));
    await drain();
    expect(pids()).toEqual([]);
  });
});
