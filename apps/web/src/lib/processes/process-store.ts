/**
 * The inspector's client state (zustand): one `ProcessTable` for every node, fed by one
 * `ProcessFeed` shared by every component that shows processes.
 *
 * - `version` counts the flushes; `changes` is what the flush that made `version` changed
 *   (a view that saw `version - 1` can use it to avoid sorting again — process-selection.ts).
 * - Flushes are batched: the feed's queued events are applied once per animation frame (every
 *   250 ms while the tab is hidden, where frames do not run), then subscribers re-render once.
 * - The feed is reference-counted (`acquireProcessFeed`): moving between the table and a
 *   process page keeps it; after the last user leaves it lingers `FEED_LINGER_MS`, then stops
 *   and the table is emptied.
 */
import { create } from "zustand";
import { ProcessFeed, type FeedStatus, type ProcessFeedPort } from "./process-feed";
import { ProcessTable, type NodeSyncInfo, type TableChanges } from "./process-table";

export const FEED_LINGER_MS = 10_000;
const HIDDEN_FLUSH_MS = 250;

export interface ProcessStoreState {
  readonly table: ProcessTable;
  readonly version: number;
  readonly changes: TableChanges | null;
  readonly status: FeedStatus;
  readonly nodes: readonly NodeSyncInfo[];
}

const INITIAL_STATUS: FeedStatus = { connection: "connecting", refusal: null, lastDeltaAt: null };

export const useProcessStore = create<ProcessStoreState>()(() => ({ table: new ProcessTable(), version: 0, changes: null, status: INITIAL_STATUS, nodes: [] }));

let feed: ProcessFeed | null = null;
let users = 0;
let lingering: ReturnType<typeof setTimeout> | undefined;
let scheduled = false;

function publish(status: FeedStatus): void {
  const { table, version } = useProcessStore.getState();
  useProcessStore.setState({ version: version + 1, changes: table.takeChanges(), status, nodes: table.nodeInfos() });
}

function flush(): void {
  scheduled = false;
  if (!feed) return;
  feed.drain();
  publish(feed.current);
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
  useProcessStore.getState().table.clear();
  publish(INITIAL_STATUS);
}

/** Starts following the nodes (or joins the running feed); call the result to let go. */
export function acquireProcessFeed(makePort: () => ProcessFeedPort): () => void {
  users += 1;
  clearTimeout(lingering);
  if (!feed) {
    feed = new ProcessFeed(makePort(), useProcessStore.getState().table, scheduleFlush);
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
