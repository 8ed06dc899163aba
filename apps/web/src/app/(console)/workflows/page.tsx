import type { Metadata } from "next";
import { Suspense } from "react";
import { WorkflowsPage } from "@/components/workflows/WorkflowsPage";
import { Loading } from "@/components/ui/Loading";

export const metadata: Metadata = { title: "Workflows" };

export default function WorkflowsRoute() {
  return (
    <Suspense fallback={<Loading />}>
      <WorkflowsPage />
    </Suspense>
  );
}
