/**
 * The activity feed as TanStack Query keeps it (pure; tested in feed-pages.test.ts): pages of
 * items newest first, and the live items applied to them — a new item goes on top of the first
 * page, an item already there (an incident whose crash loop goes on, or that was resolved)
 * replaces itself in place. Items of another kind than the list shows are left out.
 */
import type { FeedCursor, FeedItem, FeedKind } from "@wippy/shared";

export interface FeedPage {
  items: FeedItem[];
  nextCursor: FeedCursor | null;
}

export interface FeedPages {
  pages: FeedPage[];
  pageParams: unknown[];
}

export function matchesKind(item: FeedItem, kind: FeedKind): boolean {
  return kind === "all" || (kind === "versions" ? item.type === "version" : item.type === "incident");
}

export function applyFeedItem(data: FeedPages | undefined, item: FeedItem, kind: FeedKind): FeedPages | undefined {
  if (!data || !matchesKind(item, kind)) return data;
  if (data.pages.some((p) => p.items.some((i) => i.key === item.key))) {
    return { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.map((i) => (i.key === item.key ? item : i)) })) };
  }
  const [first, ...rest] = data.pages;
  const top = first ?? { items: [], nextCursor: null };
  const items = [item, ...top.items].sort((a, b) => b.at - a.at);
  return { ...data, pages: [{ ...top, items }, ...rest] };
}

export function feedItemsOf(data: FeedPages | undefined): FeedItem[] {
  return data ? data.pages.flatMap((p) => p.items) : [];
}
