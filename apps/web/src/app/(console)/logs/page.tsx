import type { Metadata } from "next";
import { Suspense } from "react";
import { LogsPage } from "@/components/logs/LogsPage";
import { Loading } from "@/components/ui/Loading";

export const metadata: Metadata = { title: "Logs" };

export default function LogsRoute() {
  return (
    <Suspense fallback={<Loading label="Loading logs…" />}>
      <LogsPage />
    </Suspense>
  );
}
