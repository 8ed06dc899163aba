/**
 * How change-request statuses read in the UI: a tone for the badge, a word for people, and the
 * inbox tabs (statuses grouped by what someone has to do about them).
 */
import type { ChangeRequestStatus } from "@wippy/shared";

export const STATUS_TONE: Record<ChangeRequestStatus, string> = {
  open: "accent",
  approved: "warning",
  stale: "warning",
  applied: "success",
  rejected: "danger",
};

export const STATUS_HINT: Record<ChangeRequestStatus, string> = {
  open: "Waiting for review",
  approved: "Approved, but the registry would not run with it: not applied",
  stale: "Entries it changes were changed after it was proposed: it needs a rebase",
  applied: "Approved and applied",
  rejected: "Rejected or withdrawn",
};

export const INBOX_TABS = [
  { id: "open", label: "Open", statuses: ["open"] },
  { id: "attention", label: "Needs a rebase or fix", statuses: ["stale", "approved"] },
  { id: "applied", label: "Applied", statuses: ["applied"] },
  { id: "rejected", label: "Rejected", statuses: ["rejected"] },
  { id: "all", label: "All", statuses: [] },
] as const satisfies readonly { id: string; label: string; statuses: readonly ChangeRequestStatus[] }[];

export type InboxTab = (typeof INBOX_TABS)[number]["id"];

export function countFor(tab: (typeof INBOX_TABS)[number], counts: Record<ChangeRequestStatus, number> | undefined): number | null {
  if (!counts) return null;
  const statuses: readonly ChangeRequestStatus[] = tab.statuses.length > 0 ? tab.statuses : (Object.keys(counts) as ChangeRequestStatus[]);
  return statuses.reduce((n, s) => n + counts[s], 0);
}
