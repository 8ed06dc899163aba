"use client";
/** Email + password sign-in through Better Auth; then back to the page the user wanted. */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { signInWithEmail } from "@/lib/auth-client";
import { safeNextPath } from "@/lib/safe-next";
import { useTRPC } from "@/lib/trpc";
import { AuthCard } from "./AuthCard";

export function SignInForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const next = safeNextPath(useSearchParams().get("next"));
  const setup = useQuery(trpc.setup.status.queryOptions());
  const session = useQuery(trpc.session.me.queryOptions());
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (setup.data?.needsSetup) router.replace("/setup");
    else if (session.data?.user) router.replace(next);
  }, [setup.data, session.data, router, next]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await signInWithEmail(email.trim(), password);
      if (!result.ok) {
        setError(result.message);
        return;
      }
      await queryClient.invalidateQueries();
      router.replace(next);
    } catch (caught) {
      // A network failure: the auth client throws instead of returning an error.
      setError(caught instanceof Error ? `Cannot reach the server: ${caught.message}` : "Cannot reach the server.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title="Sign in" subtitle="Wippy control plane">
      <form onSubmit={(e) => void submit(e)} data-testid="sign-in-form">
        {error ? (
          <div className="notice error" role="alert" data-testid="sign-in-error">
            {error}
          </div>
        ) : null}
        <label className="field">
          <span>Email</span>
          <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} data-testid="sign-in-email" autoFocus />
        </label>
        <label className="field">
          <span>Password</span>
          <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} data-testid="sign-in-password" />
        </label>
        <button type="submit" className="primary" disabled={busy} data-testid="sign-in-submit">
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </AuthCard>
  );
}
