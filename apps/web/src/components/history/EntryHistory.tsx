"use client";
/**
 * /registry/[id]/history: every revision of one entry, newest first. Pick two to diff them;
 * restore an old revision as a new version (editors).
 */
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { EmptyState } from "@/components/ui/EmptyState";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { Loading } from "@/components/ui/Loading";
import { PageHeader } from "@/components/ui/PageHeader";
import { TimeAgo } from "@/components/ui/TimeAgo";
import { entryHref } from "@/lib/entry-id";
import { useCurrentUser } from "@/lib/hooks/use-current-user";
import { useTRPC } from "@/lib/trpc";
import { EntryChangeDiff } from "./EntryChangeDiff";
import { RestoreRevisionButton } from "./RestoreRevisionButton";
import { SourceBadge } from "./SourceBadge";

export function EntryHistory({ id }: { id: string }) {
  const trpc = useTRPC();
  const { can } = useCurrentUser();
  const history = useQuery(trpc.history.entry.queryOptions({ id }));
  const [pair, setPair] = useState<{ older?: number; newer?: number }>({});

  if (history.isPending) return <Loading label={`Loading the history of ${id}…`} />;
  if (history.error) return <ErrorMessage error={history.error} onRetry={() => void history.refetch()} />;
  const revisions = history.data.revisions;
  const newer = pair.newer ?? revisions[0]?.version.id;
  const older = pair.older ?? revisions[1]?.version.id;
  const newerRev = revisions.find((r) => r.version.id === newer);
  const olderRev = revisions.find((r) => r.version.id === older);
  const current = revisions[0];

  return (
    <>
      <PageHeader title={<span className="break">History of {id}</span>} subtitle="Every version that changed this entry. Pick A (older) and B (newer) to compare.">
        <Link className="btn" href={entryHref(id)} data-testid="back-to-entry">
          Open entry
        </Link>
      </PageHeader>
      {revisions.length === 0 ? (
        <EmptyState>No version ever changed {id}.</EmptyState>
      ) : (
        <div className="stack">
          <div className="card table-wrap">
            <table className="table" data-testid="entry-history-table">
              <thead>
                <tr>
                  <th>A</th>
                  <th>B</th>
                  <th>Version</th>
                  <th>Change</th>
                  <th>When</th>
                  <th>Author</th>
                  <th>Source</th>
                  <th>Message</th>
                  <th aria-label="Actions" />
                </tr>
              </thead>
              <tbody>
                {revisions.map((r) => (
                  <tr key={r.version.id} data-testid="entry-history-row" data-version={r.version.id}>
                    <td>
                      <input type="radio" name="older" checked={older === r.version.id} onChange={() => setPair({ newer, older: r.version.id })} aria-label={`A: version ${r.version.id}`} />
                    </td>
                    <td>
                      <input type="radio" name="newer" checked={newer === r.version.id} onChange={() => setPair({ older, newer: r.version.id })} aria-label={`B: version ${r.version.id}`} />
                    </td>
                    <td>
                      <Link href={`/history/${r.version.id}`}>v{r.version.id}</Link>
                    </td>
                    <td>{r.op}</td>
                    <td>
                      <TimeAgo value={r.version.createdAt} />
                    </td>
                    <td className="break">{r.version.author}</td>
                    <td>
                      <SourceBadge source={r.version.source} />
                    </td>
                    <td>{r.version.message || <span className="muted">—</span>}</td>
                    <td>
                      {can("editor") && r.entry && r !== current ? <RestoreRevisionButton id={id} revision={r.entry} version={r.version.id} currentExists={current?.entry !== null} /> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <section className="card">
            <div className="card-header">
              <h2>
                {olderRev ? `v${olderRev.version.id}` : "(nothing)"} → {newerRev ? `v${newerRev.version.id}` : "(nothing)"}
              </h2>
            </div>
            <div className="card-body" data-testid="entry-history-diff">
              <EntryChangeDiff before={olderRev?.entry ?? null} after={newerRev?.entry ?? null} />
            </div>
          </section>
        </div>
      )}
    </>
  );
}
