import type { Metadata } from "next";
import { Suspense } from "react";
import { ChangesPage } from "@/components/changes/ChangesPage";
import { Loading } from "@/components/ui/Loading";

export const metadata: Metadata = { title: "Change requests" };

export default function ChangesRoute() {
  return (
    <Suspense fallback={<Loading />}>
      <ChangesPage />
    </Suspense>
  );
}
