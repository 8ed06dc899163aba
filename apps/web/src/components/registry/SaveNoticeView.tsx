/** The outcome of the last save (or why it was refused), with its details listed. */
import type { SaveNotice } from "@/lib/hooks/use-save-entry";

const CLASS: Record<SaveNotice["kind"], string> = { success: "notice success", error: "notice error", warning: "notice warning", info: "notice" };

export function SaveNoticeView({ notice }: { notice: SaveNotice }) {
  return (
    <div className={CLASS[notice.kind]} role={notice.kind === "error" ? "alert" : "status"} data-testid="save-notice" data-kind={notice.kind} style={{ margin: 0 }}>
      {notice.text}
      {notice.details && notice.details.length > 0 ? (
        <ul>
          {notice.details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
