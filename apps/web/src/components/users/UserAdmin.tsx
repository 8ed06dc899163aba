"use client";
/** /users (admins): everyone who can sign in, their roles, new accounts, removal. */
import { useQuery } from "@tanstack/react-query";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { Loading } from "@/components/ui/Loading";
import { errorCode } from "@/lib/api-errors";
import { useCurrentUser } from "@/lib/hooks/use-current-user";
import { useTRPC } from "@/lib/trpc";
import { CreateUserForm } from "./CreateUserForm";
import { UserRow } from "./UserRow";

export function UserAdmin() {
  const trpc = useTRPC();
  const { can, user } = useCurrentUser();
  const users = useQuery(trpc.users.list.queryOptions(undefined, { enabled: can("admin") }));

  if (!can("admin")) return <div className="notice" data-testid="users-forbidden">Managing users needs the admin role.</div>;
  if (users.isPending) return <Loading label="Loading users…" />;
  if (users.error) {
    return errorCode(users.error) === "FORBIDDEN" ? <div className="notice">Managing users needs the admin role.</div> : <ErrorMessage error={users.error} onRetry={() => void users.refetch()} />;
  }
  return (
    <div className="stack">
      <div className="card table-wrap">
        <table className="table" data-testid="user-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Email</th>
              <th>Role</th>
              <th>Since</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {users.data.map((u) => (
              <UserRow key={u.id} user={u} self={u.id === user?.id} />
            ))}
          </tbody>
        </table>
      </div>
      <CreateUserForm />
    </div>
  );
}
