"use client";
/** /history/diff?from=&to=: what changed between any two versions. */
import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { Loading } from "@/components/ui/Loading";
import { PageHeader } from "@/components/ui/PageHeader";
import { useTRPC } from "@/lib/trpc";
import { ChangeList } from "./ChangeList";

function versionParam(value: string | null): number | undefined {
  const n = Number(value);
  return value !== null && value !== "" && Number.isInteger(n) && n >= 0 ? n : undefined;
}

export function DiffPage() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const from = versionParam(params.get("from"));
  const to = versionParam(params.get("to"));
  const [fromText, setFromText] = useState(from === undefined ? "" : String(from));
  const [toText, setToText] = useState(to === undefined ? "" : String(to));
  const ready = from !== undefined && to !== undefined;
  const diff = useQuery(trpc.history.diff.queryOptions({ from: from ?? 0, to: to ?? 0 }, { enabled: ready }));

  return (
    <>
      <PageHeader title={ready ? `Diff v${from} → v${to}` : "Compare versions"} subtitle="What a registry would change going from the first version to the second." />
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          router.replace(`${pathname}?from=${encodeURIComponent(fromText)}&to=${encodeURIComponent(toText)}`);
        }}
      >
        <label className="row">
          From <input type="number" min={0} value={fromText} onChange={(e) => setFromText(e.target.value)} style={{ width: 100 }} data-testid="diff-from" />
        </label>
        <label className="row">
          to <input type="number" min={0} value={toText} onChange={(e) => setToText(e.target.value)} style={{ width: 100 }} data-testid="diff-to" />
        </label>
        <button type="submit" className="primary" data-testid="diff-submit">
          Compare
        </button>
      </form>
      {!ready ? <p className="muted">Pick two versions (0 is the empty registry).</p> : null}
      {ready && diff.isPending ? <Loading label="Computing the diff…" /> : null}
      {diff.error ? <ErrorMessage error={diff.error} onRetry={() => void diff.refetch()} /> : null}
      {diff.data ? (
        <div data-testid="diff-view">
          <ChangeList changes={diff.data.changes} testId="diff-changes" />
        </div>
      ) : null}
    </>
  );
}
