/** A run's status as a coloured badge; a halted run says so (it waits for an upgrade). */
const TONES: Record<string, string> = {
  running: "accent",
  completed: "success",
  failed: "danger",
  canceled: "warning",
  terminated: "danger",
};

export function RunStatusBadge({ status, halted = false, testId = "run-status" }: { status: string; halted?: boolean; testId?: string }) {
  if (halted) {
    return (
      <span className="badge warning" data-testid={testId} data-status="halted" title="Stopped: its code no longer replays its history. Upgrade it to code that does.">
        halted
      </span>
    );
  }
  return (
    <span className={`badge ${TONES[status] ?? ""}`} data-testid={testId} data-status={status}>
      {status}
    </span>
  );
}
