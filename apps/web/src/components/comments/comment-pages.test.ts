import { describe, expect, it } from "vitest";
import type { Comment } from "@wippy/shared";
import { applyCommentChange, commentsOf, type CommentPages } from "./comment-pages";

const c = (id: number, body = `c${id}`, editedAt: number | null = null): Comment => ({ id, target: "entry:app:x", author: { id: "u", name: "U", email: "u@x" }, body, createdAt: id * 1000, editedAt });
const pages = (...ps: Comment[][]): CommentPages => ({ pages: ps.map((items, i) => ({ items, more: i < ps.length - 1 })), pageParams: ps.map(() => null) });
const bodies = (data: CommentPages | undefined) => commentsOf(data).map((x) => x.body);

describe("comment pages", () => {
  const loaded = pages([c(3), c(4)], [c(1), c(2)]);

  it("reads oldest first across pages", () => {
    expect(bodies(loaded)).toEqual(["c1", "c2", "c3", "c4"]);
  });

  it("adds at the end, once", () => {
    const added = applyCommentChange(loaded, { change: "added", target: "entry:app:x", comment: c(5) });
    expect(bodies(applyCommentChange(added, { change: "added", target: "entry:app:x", comment: c(5) }))).toEqual(["c1", "c2", "c3", "c4", "c5"]);
  });

  it("edits wherever the comment is, and a late echo does not undo a newer edit", () => {
    const edited = applyCommentChange(loaded, { change: "edited", target: "entry:app:x", comment: c(1, "fixed", 5_000) });
    expect(bodies(edited)).toEqual(["fixed", "c2", "c3", "c4"]);
    expect(bodies(applyCommentChange(edited, { change: "edited", target: "entry:app:x", comment: c(1, "older", 4_000) }))).toEqual(["fixed", "c2", "c3", "c4"]);
    expect(applyCommentChange(loaded, { change: "edited", target: "entry:app:x", comment: c(99, "unseen", 1) })).toBe(loaded);
  });

  it("deletes, and leaves nothing to change before the first load", () => {
    expect(bodies(applyCommentChange(loaded, { change: "deleted", target: "entry:app:x", id: 2 }))).toEqual(["c1", "c3", "c4"]);
    expect(applyCommentChange(undefined, { change: "deleted", target: "entry:app:x", id: 2 })).toBeUndefined();
  });
});
