/**
 * The live log view's client state (zustand): one `LogBook` fed by one `LogFeed`, flushed
 * once per animation frame (every 250 ms while the tab is hidden), reference-counted like the
 * process feed (process-store.ts): the feed stops `FEED_LINGER_MS` after its last user left.
 */
import { create } from "zustand";
import { FEED_LINGER_MS } from "@/lib/processes/process-store";
import { LogBook, type LiveLogLine } from "./log-book";
import { LogFeed, type LogFeedPort, type LogFeedStatus } from "./log-feed";

const HIDDEN_FLUSH_MS = 250;
const INITIAL_STATUS: LogFeedStatus = { connection: "connecting", problem: null, nodeErrors: [] };

export interface LogStoreState {
  readonly lines: readonly LiveLogLine[];
  readonly status: LogFeedStatus;
}

const book = new LogBook();
export const useLogStore = create<LogStoreState>()(() => ({ lines: book.lines, status: INITIAL_STATUS }));

let feed: LogFeed | null = null;
let users = 0;
let lingering: ReturnType<typeof setTimeout> | undefined;
let scheduled = false;

function flush(): void {
  scheduled = false;
  if (!feed) return;
  feed.drain();
  const status = feed.current;
  const state = useLogStore.getState();
  if (state.lines !== book.lines || state.status !== status) useLogStore.setState({ lines: book.lines, status });
}

function scheduleFlush(): void {
  if (scheduled) return;
  scheduled = true;
  if (typeof document !== "undefined" && !document.hidden && typeof requestAnimationFrame === "function") requestAnimationFrame(flush);
  else setTimeout(flush, HIDDEN_FLUSH_MS);
}

function stopFeed(): void {
  feed?.stop();
  feed = null;
  book.clear();
  useLogStore.setState({ lines: book.lines, status: INITIAL_STATUS });
}

export function acquireLogFeed(makePort: () => LogFeedPort): () => void {
  users += 1;
  clearTimeout(lingering);
  if (!feed) {
    feed = new LogFeed(makePort(), book, scheduleFlush);
    feed.start();
    scheduleFlush();
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    users -= 1;
    if (users === 0) lingering = setTimeout(stopFeed, FEED_LINGER_MS);
  };
}
