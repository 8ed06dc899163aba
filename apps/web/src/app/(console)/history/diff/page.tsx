import type { Metadata } from "next";
import { Suspense } from "react";
import { DiffPage } from "@/components/history/DiffPage";
import { Loading } from "@/components/ui/Loading";

export const metadata: Metadata = { title: "Compare versions" };

export default function DiffRoute() {
  return (
    <Suspense fallback={<Loading />}>
      <DiffPage />
    </Suspense>
  );
}
