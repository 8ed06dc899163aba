"use client";
/** Restores an old revision of one entry as a new version (a save, or a create if it is gone). */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Entry } from "@wippy/shared";
import { errorMessage } from "@/lib/api-errors";
import { useTRPC, useTRPCClient } from "@/lib/trpc";

export function RestoreRevisionButton({ id, revision, version, currentExists }: { id: string; revision: Entry; version: number; currentExists: boolean }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const restore = useMutation({
    mutationFn: async () => {
      const message = `restore ${id} as of version ${version}`;
      if (!currentExists) return client.registry.create.mutate({ entry: revision, message });
      const current = await client.registry.get.query({ id });
      return client.registry.save.mutate({ id, baseVersion: current.version, entry: { kind: revision.kind, meta: revision.meta, data: revision.data }, message });
    },
    onSuccess: async (result) => {
      setDone(result.version === null ? "already like this" : `restored as v${result.version}`);
      await queryClient.invalidateQueries(trpc.history.pathFilter());
      await queryClient.invalidateQueries(trpc.registry.pathFilter());
    },
  });
  if (done) return <span className="small-text muted">{done}</span>;
  return (
    <>
      <button type="button" className="btn-sm" onClick={() => restore.mutate()} disabled={restore.isPending} title={`Make ${id} look as it did at version ${version}`} data-testid="restore-revision">
        {restore.isPending ? "Restoring…" : "Restore"}
      </button>
      {restore.error ? <div className="field-error">{errorMessage(restore.error)}</div> : null}
    </>
  );
}
