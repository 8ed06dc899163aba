"use client";
/**
 * Renaming (changing the id): entries that refer to the old id are listed; the rename either
 * rewrites them in the same version or is refused.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { isValidEntryId } from "@wippy/shared";
import { Dialog } from "@/components/ui/Dialog";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { entryHref } from "@/lib/entry-id";
import { useTRPC } from "@/lib/trpc";
import { ReferenceList } from "./ReferenceList";

export function RenameEntryDialog({ id, baseVersion, onClose }: { id: string; baseVersion: number; onClose: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const refs = useQuery(trpc.registry.references.queryOptions({ id }, { staleTime: 0 }));
  const [newId, setNewId] = useState(id);
  const [updateReferences, setUpdateReferences] = useState(true);
  const [message, setMessage] = useState("");
  const rename = useMutation(
    trpc.registry.rename.mutationOptions({
      onSuccess: async (result) => {
        router.push(entryHref(result.entry?.id ?? newId));
        await queryClient.invalidateQueries(trpc.registry.list.pathFilter());
        await queryClient.invalidateQueries(trpc.registry.namespaces.pathFilter());
        await queryClient.invalidateQueries(trpc.registry.references.pathFilter());
        await queryClient.invalidateQueries(trpc.history.pathFilter());
      },
    }),
  );
  const referrers = refs.data?.referencedBy ?? [];
  const valid = isValidEntryId(newId) && newId !== id;
  const blocked = referrers.length > 0 && !updateReferences;

  return (
    <Dialog
      title={`Rename ${id}`}
      onClose={onClose}
      testId="rename-dialog"
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            disabled={!valid || blocked || rename.isPending}
            onClick={() => rename.mutate({ id, newId, baseVersion, updateReferences, message })}
            data-testid="confirm-rename"
          >
            {rename.isPending ? "Renaming…" : "Rename"}
          </button>
        </>
      }
    >
      <label className="field">
        <span>New id</span>
        <input value={newId} onChange={(e) => setNewId(e.target.value.trim())} className="mono" data-testid="rename-new-id" />
        {newId !== id && !isValidEntryId(newId) ? <span className="field-error">An id is namespace:name, e.g. app.api:hello</span> : null}
      </label>
      {referrers.length > 0 ? (
        <div className="notice warning" data-testid="rename-referrers">
          {referrers.length === 1 ? "1 reference" : `${referrers.length} references`} to {id}:
          <div style={{ margin: "8px 0" }}>
            <ReferenceList references={referrers} show="from" testId="rename-referrer-list" />
          </div>
          <label className="row">
            <input type="checkbox" checked={updateReferences} onChange={(e) => setUpdateReferences(e.target.checked)} data-testid="rename-update-references" />
            Rewrite them to the new id in the same version
          </label>
        </div>
      ) : refs.data ? (
        <p className="muted">Nothing refers to {id}.</p>
      ) : null}
      <label className="field">
        <span>Message</span>
        <input value={message} onChange={(e) => setMessage(e.target.value)} placeholder={`rename ${id} to ${newId}`} data-testid="rename-message" />
      </label>
      {refs.error ? <ErrorMessage error={refs.error} /> : null}
      {rename.error ? <ErrorMessage error={rename.error} /> : null}
    </Dialog>
  );
}
