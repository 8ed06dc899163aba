"use client";
/**
 * Lets only signed-in users through. First run (no users yet) goes to /setup; signed-out
 * visitors go to /sign-in with the page they wanted in `next`. The server checks every call
 * anyway: this only keeps people from staring at errors.
 */
import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { Loading } from "@/components/ui/Loading";
import { useCurrentUser } from "@/lib/hooks/use-current-user";
import { useTRPC } from "@/lib/trpc";

export function AuthGate({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const setup = useQuery(trpc.setup.status.queryOptions(undefined, { staleTime: 60_000 }));
  const { query: session, user } = useCurrentUser();

  const needsSetup = setup.data?.needsSetup === true;
  const signedOut = session.isSuccess && !user;

  useEffect(() => {
    if (needsSetup) router.replace("/setup");
    else if (setup.isSuccess && signedOut) router.replace(`/sign-in?next=${encodeURIComponent(pathname)}`);
  }, [needsSetup, signedOut, setup.isSuccess, router, pathname]);

  const failed = setup.error ?? session.error;
  if (failed) {
    return (
      <div className="auth-page">
        <div className="auth-card">
          <ErrorMessage error={failed} title="The control plane did not answer" onRetry={() => void Promise.all([setup.refetch(), session.refetch()])} />
        </div>
      </div>
    );
  }
  if (!user || needsSetup) return <Loading label="Checking your session…" testId="auth-loading" />;
  return <>{children}</>;
}
