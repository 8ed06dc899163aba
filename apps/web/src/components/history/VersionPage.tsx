"use client";
/** /history/[version]: who made a version, why, what it changed; roll back to it from here. */
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { Loading } from "@/components/ui/Loading";
import { PageHeader } from "@/components/ui/PageHeader";
import { formatDateTime } from "@/lib/format";
import { useCurrentUser } from "@/lib/hooks/use-current-user";
import { useTRPC } from "@/lib/trpc";
import { ChangeList } from "./ChangeList";
import { RollbackDialog } from "./RollbackDialog";
import { SourceBadge } from "./SourceBadge";

export function VersionPage({ id }: { id: number }) {
  const trpc = useTRPC();
  const { can } = useCurrentUser();
  const [rollingBack, setRollingBack] = useState(false);
  const query = useQuery(trpc.history.version.queryOptions({ id }, { enabled: Number.isInteger(id) && id >= 1 }));
  const latest = useQuery(trpc.history.versions.queryOptions({ limit: 1 }, { refetchInterval: 10_000 }));
  const head = latest.data?.items[0]?.id ?? 0;

  if (!Number.isInteger(id) || id < 1) return <div className="notice warning">“{String(id)}” is not a version number.</div>;
  if (query.isPending) return <Loading label={`Loading version ${id}…`} />;
  if (query.error) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  const { version, changes } = query.data;

  return (
    <>
      <PageHeader title={`Version ${version.id}`} subtitle={version.message || "no message"}>
        {version.id > 1 ? (
          <Link className="btn" href={`/history/${version.id - 1}`}>
            ← v{version.id - 1}
          </Link>
        ) : null}
        {head > version.id ? (
          <>
            <Link className="btn" href={`/history/${version.id + 1}`}>
              v{version.id + 1} →
            </Link>
            <Link className="btn" href={`/history/diff?from=${version.id}&to=${head}`} data-testid="compare-with-head">
              Diff to now (v{head})
            </Link>
          </>
        ) : null}
        {can("editor") && head > version.id ? (
          <button type="button" className="danger" onClick={() => setRollingBack(true)} data-testid="rollback-button">
            Roll back to v{version.id}
          </button>
        ) : null}
      </PageHeader>
      <div className="card card-body" style={{ marginBottom: 16 }}>
        <dl className="kv" data-testid="version-info">
          <dt>Author</dt>
          <dd>{version.author}</dd>
          <dt>Source</dt>
          <dd>
            <SourceBadge source={version.source} />
          </dd>
          <dt>When</dt>
          <dd>{formatDateTime(version.createdAt)}</dd>
          <dt>Based on</dt>
          <dd>{version.baseVersion === null ? "—" : <Link href={`/history/${version.baseVersion}`}>v{version.baseVersion}</Link>}</dd>
        </dl>
      </div>
      <h2 style={{ marginBottom: 8 }}>Changes</h2>
      <ChangeList changes={changes} testId="version-changes" />
      {rollingBack ? <RollbackDialog to={version.id} onClose={() => setRollingBack(false)} /> : null}
    </>
  );
}
