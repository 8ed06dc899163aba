"use client";
/** Deleting an entry: the entries that still refer to it are listed first, and block it. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Dialog } from "@/components/ui/Dialog";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { Loading } from "@/components/ui/Loading";
import { referrersOf } from "@/lib/api-problems";
import { useTRPC } from "@/lib/trpc";
import { ReferenceList } from "./ReferenceList";

export function DeleteEntryDialog({ id, baseVersion, onClose }: { id: string; baseVersion: number; onClose: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const refs = useQuery(trpc.registry.references.queryOptions({ id }, { staleTime: 0 }));
  const [message, setMessage] = useState("");
  const remove = useMutation(
    trpc.registry.delete.mutationOptions({
      onSuccess: async () => {
        // Leave first: the entry page would otherwise refetch an entry that is gone.
        router.push("/registry");
        await queryClient.invalidateQueries(trpc.registry.list.pathFilter());
        await queryClient.invalidateQueries(trpc.registry.namespaces.pathFilter());
        await queryClient.invalidateQueries(trpc.history.pathFilter());
      },
    }),
  );
  const referrers = refs.data?.referencedBy ?? referrersOf(remove.error);
  const blocked = referrers.length > 0;

  return (
    <Dialog
      title={`Delete ${id}?`}
      onClose={onClose}
      testId="delete-dialog"
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="danger solid"
            disabled={blocked || refs.isPending || remove.isPending}
            onClick={() => remove.mutate({ id, baseVersion, message })}
            data-testid="confirm-delete"
          >
            {remove.isPending ? "Deleting…" : "Delete"}
          </button>
        </>
      }
    >
      {refs.isPending ? <Loading label="Checking references…" /> : null}
      {refs.error ? <ErrorMessage error={refs.error} /> : null}
      {blocked ? (
        <div className="notice warning" data-testid="delete-blocked">
          {id} cannot be deleted while these entries refer to it. Change or delete them first:
          <div style={{ marginTop: 8 }}>
            <ReferenceList references={referrers} show="from" testId="delete-referrers" />
          </div>
        </div>
      ) : refs.data ? (
        <>
          <p style={{ marginTop: 0 }}>Nothing refers to it. Deleting makes a new registry version; it can be rolled back from History.</p>
          <label className="field">
            <span>Message</span>
            <input value={message} onChange={(e) => setMessage(e.target.value)} placeholder={`delete ${id}`} data-testid="delete-message" />
          </label>
        </>
      ) : null}
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
    </Dialog>
  );
}
