/**
 * What the review page of a change request shows, read in one go:
 *
 * - the request and its reviews;
 * - `changes`: per entry, the entry at the request's base version and what the request makes of
 *   it (a Monaco diff for Lua, a structured diff for data);
 * - `moved`: the entries it touches that changed after its base, with their state now and the
 *   version that changed them — the third side of the three-way diff a stale request is
 *   rebased from (shown before approving too: approving such a request makes it stale);
 * - `head`: the registry version this was read at (a rebase is made against it);
 * - `viewer`: what the signed-in person may do, and why not (the server checks again).
 */
import type { ChangeRequestStore, RegistryStore } from "@wippy/db";
import type { ChangeRequest, ChangeRequestReview, Entry, EntryChange } from "@wippy/shared";
import { hasRole, type SessionUser } from "../roles";

export interface MovedEntry {
  id: string;
  /** The entry now (null: deleted). */
  theirs: Entry | null;
  theirsVersion: number;
  theirsAuthor: string;
}

export interface ViewerRights {
  isAuthor: boolean;
  canApprove: boolean;
  /** Why the viewer may not approve (null when they may). */
  approveBlocked: string | null;
  canReject: boolean;
  canRebase: boolean;
  canApply: boolean;
}

export interface ReviewPage {
  request: ChangeRequest;
  reviews: ChangeRequestReview[];
  changes: EntryChange[];
  moved: MovedEntry[];
  head: number;
  viewer: ViewerRights;
}

const UNDECIDED = new Set(["open", "approved", "stale"]);

export function viewerRights(request: ChangeRequest, reviews: readonly ChangeRequestReview[], user: SessionUser): ViewerRights {
  const isAuthor = request.author.kind === "user" && request.author.id === user.id;
  const rebased = reviews.some((r) => r.verdict === "rebase" && r.reviewer.id === user.id);
  const approvedAlready = reviews.some((r) => r.verdict === "approve" && r.revision === request.revision && r.reviewer.id === user.id);
  const approver = hasRole(user.role, "approver");
  const approveBlocked =
    request.status !== "open"
      ? `it is ${request.status}`
      : isAuthor
        ? "nobody approves their own change request"
        : !approver
          ? "approving needs the approver role"
          : rebased
            ? "you rebased it, so you count as its author"
            : approvedAlready
              ? `you approved revision ${request.revision} already`
              : null;
  const undecided = UNDECIDED.has(request.status);
  return {
    isAuthor,
    canApprove: approveBlocked === null,
    approveBlocked,
    canReject: undecided && (approver || isAuthor),
    canRebase: undecided && hasRole(user.role, "editor"),
    canApply: request.status === "approved" && approver,
  };
}

export async function readReviewPage(stores: { changes: ChangeRequestStore; registry: RegistryStore }, request: ChangeRequest, user: SessionUser): Promise<ReviewPage> {
  const [reviews, changes, head] = await Promise.all([stores.changes.reviews(request.id), stores.changes.changes(request), stores.registry.currentVersion()]);
  const moved: MovedEntry[] = [];
  for (const id of request.entryIds) {
    const [last] = await stores.registry.entryHistory(id);
    if (last && last.version.id > request.baseVersion) moved.push({ id, theirs: last.entry, theirsVersion: last.version.id, theirsAuthor: last.version.author });
  }
  return { request, reviews, changes, moved, head, viewer: viewerRights(request, reviews, user) };
}
