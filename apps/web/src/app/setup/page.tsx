import type { Metadata } from "next";
import { SetupForm } from "@/components/auth/SetupForm";

export const metadata: Metadata = { title: "First-run setup" };

export default function SetupPage() {
  return (
    <div className="auth-page">
      <SetupForm />
    </div>
  );
}
