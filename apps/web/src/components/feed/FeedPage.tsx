"use client";
/**
 * /feed: what changed and what went wrong, newest first — registry versions and runtime
 * incidents (crash loops, failed services) — live as they happen, filtered by kind (in the
 * URL), with older items on demand.
 */
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { FEED_KINDS, type FeedKind } from "@wippy/shared";
import { LiveIndicator } from "@/components/processes/LiveIndicator";
import { EmptyState } from "@/components/ui/EmptyState";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { Loading } from "@/components/ui/Loading";
import { PageHeader } from "@/components/ui/PageHeader";
import { Tabs } from "@/components/ui/Tabs";
import { FeedItemRow } from "./FeedItemRow";
import styles from "./feed.module.css";
import { useFeed } from "./use-feed";

export const FEED_PAGE_SIZE = 30;

const TABS: readonly { id: FeedKind; label: string }[] = [
  { id: "all", label: "All" },
  { id: "versions", label: "Registry changes" },
  { id: "incidents", label: "Incidents" },
];

const EMPTY: Record<FeedKind, string> = {
  all: "Nothing has happened yet: registry changes and runtime incidents will show here.",
  versions: "No registry versions yet.",
  incidents: "No incidents: no crash loops or failed services so far.",
};

export function FeedPage() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const requested = params.get("kind");
  const kind: FeedKind = FEED_KINDS.find((k) => k === requested) ?? "all";
  const { query, items, live } = useFeed(kind, FEED_PAGE_SIZE);

  return (
    <div data-testid="feed-page">
      <PageHeader title="Activity" subtitle="Registry changes and runtime incidents (crash loops, failed services), newest first, as they happen.">
        <LiveIndicator connection={live ? "live" : "offline"} testId="feed-live" />
      </PageHeader>
      <Tabs tabs={TABS} selected={kind} onSelect={(next) => router.replace(next === "all" ? pathname : `${pathname}?kind=${next}`, { scroll: false })} testId="feed-kinds" />
      <div className="card" style={{ marginTop: 12 }}>
        {query.isPending ? <Loading label="Loading the activity…" /> : null}
        {query.error && !query.data ? <ErrorMessage error={query.error} title="Could not load the activity" onRetry={() => void query.refetch()} /> : null}
        {query.data && items.length === 0 ? <EmptyState testId="feed-empty">{EMPTY[kind]}</EmptyState> : null}
        {items.length > 0 ? (
          <ol className={styles.list} data-testid="feed-list">
            {items.map((item) => (
              <FeedItemRow key={item.key} item={item} />
            ))}
          </ol>
        ) : null}
        {query.hasNextPage ? (
          <div className={styles.more}>
            <button type="button" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()} data-testid="feed-more">
              {query.isFetchingNextPage ? "Loading…" : "Show older"}
            </button>
          </div>
        ) : null}
        {query.error && query.data ? <ErrorMessage error={query.error} title="Could not load more" onRetry={() => void query.fetchNextPage()} /> : null}
      </div>
    </div>
  );
}
