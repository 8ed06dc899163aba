import { describe, expect, it } from "vitest";
import type { FeedItem, FeedVersion, Incident } from "@wippy/shared";
import { applyFeedItem, feedItemsOf, type FeedPages } from "./feed-pages";

const version = (v: number, at: number): FeedVersion => ({ type: "version", key: `version:${v}`, at, version: v, author: "a", source: "ui", message: "", entries: [], entryCount: 0 });
const incident = (id: number, at: number, restarts = 3): Incident => ({ type: "incident", key: `incident:${id}`, at, id, kind: "crash_loop", service: "app:s", nodeId: "n", lastAt: at, resolvedAt: null, restarts, message: "" });
const data = (...pages: FeedItem[][]): FeedPages => ({ pages: pages.map((items) => ({ items, nextCursor: null })), pageParams: pages.map(() => null) });
const keys = (d: FeedPages | undefined) => feedItemsOf(d).map((i) => i.key);

describe("feed pages", () => {
  const loaded = data([version(3, 30), incident(1, 20)], [version(2, 10)]);

  it("puts a new item on top", () => {
    expect(keys(applyFeedItem(loaded, version(4, 40), "all"))).toEqual(["version:4", "version:3", "incident:1", "version:2"]);
  });

  it("replaces an item it already has, where it is", () => {
    const updated = applyFeedItem(loaded, incident(1, 20, 9), "all");
    expect(keys(updated)).toEqual(["version:3", "incident:1", "version:2"]);
    expect(feedItemsOf(updated)[1]).toMatchObject({ restarts: 9 });
  });

  it("leaves out items of another kind, and waits for the first load", () => {
    expect(applyFeedItem(loaded, version(4, 40), "incidents")).toBe(loaded);
    expect(keys(applyFeedItem(loaded, incident(2, 50), "incidents"))).toEqual(["incident:2", "version:3", "incident:1", "version:2"]);
    expect(applyFeedItem(undefined, version(4, 40), "all")).toBeUndefined();
  });
});
