"use client";
/** One user: change the role in place, or remove (with a confirmation). */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Dialog } from "@/components/ui/Dialog";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { formatDateTime } from "@/lib/format";
import { ROLES, type Role } from "@/lib/roles";
import { useTRPC } from "@/lib/trpc";

interface UserRowProps {
  user: { id: string; name: string; email: string; role: Role; createdAt: Date };
  self: boolean;
}

export function UserRow({ user, self }: UserRowProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const refresh = () => queryClient.invalidateQueries(trpc.users.pathFilter());
  const setRole = useMutation(trpc.users.setRole.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.users.remove.mutationOptions({ onSuccess: refresh }));

  return (
    <tr data-testid="user-row" data-email={user.email}>
      <td>
        {user.name} {self ? <span className="badge">you</span> : null}
      </td>
      <td className="break">{user.email}</td>
      <td>
        <select value={user.role} onChange={(e) => setRole.mutate({ id: user.id, role: e.target.value as Role })} disabled={setRole.isPending} aria-label={`Role of ${user.email}`} data-testid="user-role-select">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        {setRole.error ? <ErrorMessage error={setRole.error} /> : null}
      </td>
      <td className="no-wrap">{formatDateTime(user.createdAt)}</td>
      <td>
        {!self ? (
          <button type="button" className="danger btn-sm" onClick={() => setConfirming(true)} data-testid="user-remove">
            Remove
          </button>
        ) : null}
        {confirming ? (
          <Dialog
            title={`Remove ${user.email}?`}
            onClose={() => setConfirming(false)}
            testId="remove-user-dialog"
            footer={
              <>
                <button type="button" onClick={() => setConfirming(false)}>
                  Cancel
                </button>
                <button type="button" className="danger solid" disabled={remove.isPending} onClick={() => remove.mutate({ id: user.id })} data-testid="confirm-remove-user">
                  {remove.isPending ? "Removing…" : "Remove"}
                </button>
              </>
            }
          >
            <p style={{ marginTop: 0 }}>They will be signed out and cannot sign in again. Their past changes stay in the history and the audit log.</p>
            {remove.error ? <ErrorMessage error={remove.error} /> : null}
          </Dialog>
        ) : null}
      </td>
    </tr>
  );
}
