"use client";
/**
 * The top bar's activity button: the newest few feed items in a pop-up, live, with a count of
 * those that came since the pop-up was last opened in this browser (open incidents make it
 * red), and a link to /feed.
 */
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { FeedItemRow } from "./FeedItemRow";
import styles from "./feed.module.css";
import { useFeed } from "./use-feed";

export const FEED_MENU_ITEMS = 8;
const SEEN_KEY = "wippy.feed.seenAt";

function readSeen(): number {
  const stored = Number(window.localStorage.getItem(SEEN_KEY));
  if (Number.isFinite(stored) && stored > 0) return stored;
  // First visit: what happened before is not news.
  const now = Date.now();
  window.localStorage.setItem(SEEN_KEY, String(now));
  return now;
}

export function FeedMenu() {
  const { query, items } = useFeed("all", FEED_MENU_ITEMS);
  const [open, setOpen] = useState(false);
  const [seenAt, setSeenAt] = useState<number | null>(null);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => setSeenAt(readSeen()), []);
  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => !root.current?.contains(event.target as Node) && setOpen(false);
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && setOpen(false);
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  const fresh = seenAt === null ? [] : items.filter((i) => i.at > seenAt);
  const alarming = fresh.some((i) => i.type === "incident");
  const toggle = () => {
    if (!open && items[0]) {
      const newest = Math.max(...items.map((i) => i.at), seenAt ?? 0);
      window.localStorage.setItem(SEEN_KEY, String(newest));
      setSeenAt(newest);
    }
    setOpen((v) => !v);
  };

  return (
    <div className="menu" ref={root}>
      <button type="button" className="menu-button" aria-haspopup="dialog" aria-expanded={open} onClick={toggle} data-testid="feed-menu" title="Recent activity">
        <span>Activity</span>
        {fresh.length > 0 ? (
          <span className={`${styles.count} ${alarming ? styles.alarm : ""}`} data-testid="feed-menu-count">
            {fresh.length > FEED_MENU_ITEMS ? `${FEED_MENU_ITEMS}+` : fresh.length}
          </span>
        ) : null}
      </button>
      {open ? (
        <div className={`menu-popup ${styles.popup}`} role="dialog" aria-label="Recent activity" data-testid="feed-menu-popup">
          <div className={styles.popupHeader}>
            <strong>Recent activity</strong>
            <Link href="/feed" onClick={() => setOpen(false)} data-testid="feed-menu-all">
              See all
            </Link>
          </div>
          {query.isPending ? <div className="muted small-text">Loading…</div> : null}
          {query.error ? <div className="notice error small-text">Could not load the activity.</div> : null}
          {query.data && items.length === 0 ? <div className="muted small-text">Nothing yet.</div> : null}
          <ol className={styles.list}>
            {items.slice(0, FEED_MENU_ITEMS).map((item) => (
              <FeedItemRow key={item.key} item={item} compact />
            ))}
          </ol>
        </div>
      ) : null}
    </div>
  );
}
