/** The live log feed over a scripted port: subscribe before reading the recent lines, dedupe, reconnect, stop. */
import { describe, expect, it } from "vitest";
import type { LogLine } from "@wippy/shared";
import { LogBook } from "./log-book";
import { LogFeed, type LogFeedPort, type RecentLogs } from "./log-feed";

const line = (seq: number): LogLine => ({ seq, at: seq * 10, level: "info", msg: `line ${seq}`, fields: {} });
const settle = () => new Promise((r) => setTimeout(r, 0));

interface FakeLogPort extends LogFeedPort {
  connected: boolean;
  log: string[];
  recent: RecentLogs[] | Error;
  listeners: { connect: Set<() => void>; disconnect: Set<() => void>; lines: Set<(nodeId: string, lines: LogLine[]) => void> };
}

function fakePort(): FakeLogPort {
  const listeners = { connect: new Set<() => void>(), disconnect: new Set<() => void>(), lines: new Set<(nodeId: string, lines: LogLine[]) => void>() };
  const port: FakeLogPort = {
    connected: true,
    log: [] as string[],
    recent: [{ nodeId: "n1", lines: [line(1), line(2)] }, { nodeId: "n2", lines: [], error: "runtime node n2 did not answer" }],
    listeners,
    isConnected: () => port.connected,
    onConnect: (l: () => void) => (listeners.connect.add(l), () => void listeners.connect.delete(l)),
    onDisconnect: (l: () => void) => (listeners.disconnect.add(l), () => void listeners.disconnect.delete(l)),
    onLines: (l: (nodeId: string, lines: LogLine[]) => void) => (listeners.lines.add(l), () => void listeners.lines.delete(l)),
    subscribe: async () => (port.log.push("subscribe"), { ok: true as const }),
    unsubscribe: () => void port.log.push("unsubscribe"),
    fetchRecent: async () => {
      port.log.push("recent");
      if (port.recent instanceof Error) throw port.recent;
      return port.recent;
    },
  };
  return port;
}

describe("LogFeed", () => {
  it("subscribes, then merges the recent lines with the streamed ones, once each", async () => {
    const port = fakePort();
    const book = new LogBook();
    const feed = new LogFeed(port, book, () => undefined);
    feed.start();
    for (const l of port.listeners.lines) l("n1", [line(2), line(3)]);
    await settle();
    feed.drain();
    expect(port.log).toEqual(["subscribe", "recent"]);
    expect(book.lines.map((l) => l.seq)).toEqual([1, 2, 3]);
    expect(feed.current).toMatchObject({ connection: "live", nodeErrors: [{ nodeId: "n2", error: "runtime node n2 did not answer" }] });
    feed.stop();
  });

  it("keeps streaming when the recent lines cannot be read, and says so", async () => {
    const port = fakePort();
    port.recent = new Error("Cannot reach the control plane server.");
    const feed = new LogFeed(port, new LogBook(), () => undefined);
    feed.start();
    await settle();
    feed.drain();
    expect(feed.current).toMatchObject({ connection: "live", problem: "recent lines could not be read: Cannot reach the control plane server." });
    feed.stop();
  });

  it("goes offline on a disconnect, subscribes again on reconnect, and stops cleanly", async () => {
    const port = fakePort();
    const book = new LogBook();
    const feed = new LogFeed(port, book, () => undefined);
    feed.start();
    await settle();
    for (const l of port.listeners.disconnect) l();
    feed.drain();
    expect(feed.current.connection).toBe("offline");
    for (const l of port.listeners.connect) l();
    await settle();
    feed.drain();
    expect(port.log).toEqual(["subscribe", "recent", "subscribe", "recent"]);
    expect(feed.current.connection).toBe("live");
    feed.stop();
    expect(port.log.at(-1)).toBe("unsubscribe");
    expect(port.listeners.lines.size + port.listeners.connect.size + port.listeners.disconnect.size).toBe(0);
  });
});
