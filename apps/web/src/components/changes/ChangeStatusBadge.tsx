/** A change request's status as a coloured badge, with what it means as its tooltip. */
import type { ChangeRequestStatus } from "@wippy/shared";
import { STATUS_HINT, STATUS_TONE } from "./change-status";

export function ChangeStatusBadge({ status, testId = "change-status" }: { status: ChangeRequestStatus; testId?: string }) {
  return (
    <span className={`badge ${STATUS_TONE[status]}`} title={STATUS_HINT[status]} data-testid={testId} data-status={status}>
      {status}
    </span>
  );
}
