"use client";
/** A new account with a role; the admin passes the password on. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { IssueList } from "@/components/ui/IssueList";
import { ROLES, ROLE_ABILITIES, type Role } from "@/lib/roles";
import { useTRPC } from "@/lib/trpc";

export function CreateUserForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: async () => {
        setName("");
        setEmail("");
        setPassword("");
        await queryClient.invalidateQueries(trpc.users.pathFilter());
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name: name.trim(), email: email.trim(), password, role });
  };

  return (
    <form className="card" onSubmit={submit} data-testid="create-user-form">
      <div className="card-header">
        <h2>Add a user</h2>
      </div>
      <div className="card-body">
        {create.error ? <IssueList error={create.error} testId="create-user-error" /> : null}
        {create.isSuccess ? <div className="notice success">Created {create.data.email} as {create.data.role}.</div> : null}
        <div className="form-grid">
          <label className="field">
            <span>Name</span>
            <input required value={name} onChange={(e) => setName(e.target.value)} data-testid="new-user-name" />
          </label>
          <label className="field">
            <span>Email</span>
            <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" data-testid="new-user-email" />
          </label>
          <label className="field">
            <span>Password</span>
            <input type="password" required value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" data-testid="new-user-password" />
          </label>
          <label className="field">
            <span>Role</span>
            <select value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="new-user-role">
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r} — {ROLE_ABILITIES[r]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <button type="submit" className="primary" disabled={create.isPending} data-testid="create-user">
          {create.isPending ? "Adding…" : "Add user"}
        </button>
      </div>
    </form>
  );
}
