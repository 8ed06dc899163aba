import type { Metadata } from "next";
import { Suspense } from "react";
import { SignInForm } from "@/components/auth/SignInForm";
import { Loading } from "@/components/ui/Loading";

export const metadata: Metadata = { title: "Sign in" };

export default function SignInPage() {
  return (
    <div className="auth-page">
      <Suspense fallback={<Loading />}>
        <SignInForm />
      </Suspense>
    </div>
  );
}
