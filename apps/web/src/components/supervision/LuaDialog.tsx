"use client";
/**
 * A service's process code in Monaco, read-only, with a link to the process entry's Source tab
 * to edit it there (its own save, syntax check and conflict handling). The unsaved drawing is
 * kept while you are away: the canvas store outlives the page.
 */
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { CodeEditor } from "@/components/editor/CodeEditor";
import { Dialog } from "@/components/ui/Dialog";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { Loading } from "@/components/ui/Loading";
import { entryHref } from "@/lib/entry-id";
import { LUA_LANGUAGE_ID } from "@/lib/monaco";
import { useTRPC } from "@/lib/trpc";

export function LuaDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const trpc = useTRPC();
  const entry = useQuery(trpc.registry.get.queryOptions({ id }));
  const source = entry.data?.entry.data.source;
  return (
    <Dialog
      title={`Lua of ${id}`}
      onClose={onClose}
      wide
      testId="lua-dialog"
      footer={
        <>
          <Link className="btn" href={entryHref(id, "source")} data-testid="edit-lua-in-registry">
            Edit in the registry
          </Link>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </>
      }
    >
      {entry.isPending ? <Loading label={`Loading ${id}…`} /> : null}
      {entry.error ? <ErrorMessage error={entry.error} title={`Could not load ${id}`} onRetry={() => void entry.refetch()} /> : null}
      {entry.data && typeof source !== "string" ? <p className="muted">{id} has no inline Lua source.</p> : null}
      {typeof source === "string" ? (
        <>
          <p className="muted small-text" style={{ marginTop: 0 }}>
            Read-only here. Your drawing stays as it is while you edit the code in the registry.
          </p>
          <CodeEditor value={source} language={LUA_LANGUAGE_ID} readOnly height="min(56vh, 520px)" ariaLabel={`Lua source of ${id}`} testId="lua-source" />
        </>
      ) : null}
    </Dialog>
  );
}
