/**
 * A target's comments as TanStack Query keeps them (pure; tested in comment-pages.test.ts):
 * pages from the newest back (`pages[0]` is the newest comments, each page oldest first), and
 * the live changes others make applied to them — an add goes to the end of the newest page, an
 * edit replaces the comment wherever it is, a delete removes it. Applying a change twice (it
 * comes back over the socket after one's own mutation) changes nothing.
 */
import type { Comment, CommentChange } from "@wippy/shared";

export interface CommentPage {
  items: Comment[];
  more: boolean;
}

export interface CommentPages {
  pages: CommentPage[];
  pageParams: unknown[];
}

export function applyCommentChange(data: CommentPages | undefined, change: CommentChange): CommentPages | undefined {
  if (!data) return data;
  if (change.change === "deleted") {
    return { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.filter((c) => c.id !== change.id) })) };
  }
  const { comment } = change;
  const known = data.pages.some((p) => p.items.some((c) => c.id === comment.id));
  if (known) return { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.map((c) => (c.id === comment.id ? newer(c, comment) : c)) })) };
  if (change.change === "edited") return data; // not loaded here (an older page): nothing to change
  const [newest, ...older] = data.pages;
  const first = newest ?? { items: [], more: false };
  return { ...data, pages: [{ ...first, items: [...first.items, comment].sort((a, b) => a.id - b.id) }, ...older] };
}

/** Of two states of one comment, the later edit (a late echo must not undo a newer edit). */
function newer(a: Comment, b: Comment): Comment {
  return (b.editedAt ?? b.createdAt) >= (a.editedAt ?? a.createdAt) ? b : a;
}

/** Every loaded comment, oldest first. */
export function commentsOf(data: CommentPages | undefined): Comment[] {
  return data ? [...data.pages].reverse().flatMap((p) => p.items) : [];
}
