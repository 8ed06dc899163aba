"use client";
/**
 * First-run setup: creates the first admin while the server has no users (setup.status), then
 * signs that admin in. Once any user exists the page only redirects.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { Loading } from "@/components/ui/Loading";
import { signInWithEmail } from "@/lib/auth-client";
import { useTRPC } from "@/lib/trpc";
import { AuthCard } from "./AuthCard";
import { IssueList } from "@/components/ui/IssueList";

export function SetupForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.setup.status.queryOptions());
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [signInError, setSignInError] = useState<string | null>(null);
  const create = useMutation(trpc.setup.createAdmin.mutationOptions());

  useEffect(() => {
    if (status.data && !status.data.needsSetup && !create.isSuccess) router.replace("/sign-in");
  }, [status.data, create.isSuccess, router]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSignInError(null);
    await create.mutateAsync({ name: name.trim(), email: email.trim(), password });
    const signedIn = await signInWithEmail(email.trim(), password);
    await queryClient.invalidateQueries();
    if (signedIn.ok) router.replace("/registry");
    else setSignInError(`The admin was created, but signing in failed: ${signedIn.message}`);
  };

  if (status.isPending) return <Loading />;
  if (status.error) return <ErrorMessage error={status.error} onRetry={() => void status.refetch()} />;

  return (
    <AuthCard title="Create the first admin" subtitle="This server has no users yet. The account you create here manages everyone else.">
      <form onSubmit={(e) => void submit(e).catch(() => undefined)} data-testid="setup-form">
        {create.error ? <IssueList error={create.error} /> : null}
        {signInError ? <div className="notice error">{signInError}</div> : null}
        <label className="field">
          <span>Name</span>
          <input required value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" data-testid="setup-name" autoFocus />
        </label>
        <label className="field">
          <span>Email</span>
          <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="username" data-testid="setup-email" />
        </label>
        <label className="field">
          <span>Password</span>
          <input type="password" required value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" data-testid="setup-password" />
          <span className="field-hint">No default password exists; choose a long one.</span>
        </label>
        <button type="submit" className="primary" disabled={create.isPending} data-testid="setup-submit">
          {create.isPending ? "Creating…" : "Create admin and sign in"}
        </button>
      </form>
    </AuthCard>
  );
}
