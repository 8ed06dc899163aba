/** "ada@example.com saved version 12 — “message” · 5 s ago": who changed what the page shows. */
import type { SavedNotice } from "@wippy/shared";
import { TimeAgo } from "@/components/ui/TimeAgo";
import styles from "./presence.module.css";

export function SavedBy({ notice, what }: { notice: SavedNotice; what: string }) {
  const verb = notice.op === "delete" ? "deleted" : notice.op === "create" ? "created" : "saved";
  return (
    <span>
      <strong data-testid="saved-author">{notice.author}</strong> {verb} {what} in{" "}
      <span data-testid="saved-version" data-version={notice.version}>
        version {notice.version}
      </span>
      {notice.message ? (
        <>
          {" "}
          — <span className={styles.message} data-testid="saved-message">“{notice.message}”</span>
        </>
      ) : null}{" "}
      <span className="muted small-text">
        · <TimeAgo value={notice.at} />
      </span>
    </span>
  );
}
