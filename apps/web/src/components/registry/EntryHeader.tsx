"use client";
/** An entry's title row: id, kind, last change, who else has it open, and the actions the user's role allows. */
import Link from "next/link";
import { useState, type ReactNode } from "react";
import type { Entry } from "@wippy/shared";
import { TimeAgo } from "@/components/ui/TimeAgo";
import { entryHistoryHref, splitEntryId } from "@/lib/entry-id";
import { useCurrentUser } from "@/lib/hooks/use-current-user";
import { DeleteEntryDialog } from "./DeleteEntryDialog";
import { RenameEntryDialog } from "./RenameEntryDialog";

interface LastChange {
  version: number;
  author: string;
  source: string;
  message: string;
  at: Date;
}

export function EntryHeader({ entry, lastChange, version, presence }: { entry: Entry; lastChange: LastChange; version: number; presence?: ReactNode }) {
  const { can } = useCurrentUser();
  const [dialog, setDialog] = useState<"rename" | "delete" | null>(null);
  const { namespace, name } = splitEntryId(entry.id);
  const title = typeof entry.meta.title === "string" ? entry.meta.title : null;
  return (
    <div className="page-header" data-testid="entry-header">
      <div style={{ marginRight: "auto", minWidth: 0 }}>
        <div className="small-text">
          <Link href={`/registry?ns=${encodeURIComponent(namespace)}`} className="entry-ns">
            {namespace}
          </Link>
        </div>
        <h1 className="row" data-testid="entry-id">
          <span className="break">{name}</span>
          <span className="badge accent" data-testid="entry-kind">
            {entry.kind}
          </span>
        </h1>
        <p className="page-subtitle">
          {title ? <>{title} · </> : null}
          Last changed in{" "}
          <Link href={`/history/${lastChange.version}`} data-testid="entry-last-version">
            version {lastChange.version}
          </Link>{" "}
          by {lastChange.author} <TimeAgo value={lastChange.at} />
          {lastChange.message ? <> — “{lastChange.message}”</> : null}
          <span className="muted"> · editing at registry v{version}</span>
        </p>
      </div>
      {presence}
      <Link className="btn" href={entryHistoryHref(entry.id)} data-testid="entry-history-link">
        History
      </Link>
      {can("editor") ? (
        <>
          <button type="button" onClick={() => setDialog("rename")} data-testid="rename-entry">
            Rename
          </button>
          <button type="button" className="danger" onClick={() => setDialog("delete")} data-testid="delete-entry">
            Delete
          </button>
        </>
      ) : null}
      {dialog === "rename" ? <RenameEntryDialog id={entry.id} baseVersion={version} onClose={() => setDialog(null)} /> : null}
      {dialog === "delete" ? <DeleteEntryDialog id={entry.id} baseVersion={version} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
