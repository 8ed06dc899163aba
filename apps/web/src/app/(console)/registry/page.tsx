import type { Metadata } from "next";
import { Suspense } from "react";
import { RegistryBrowser } from "@/components/registry/RegistryBrowser";
import { Loading } from "@/components/ui/Loading";

export const metadata: Metadata = { title: "Registry" };

export default function RegistryRoute() {
  return (
    <Suspense fallback={<Loading />}>
      <RegistryBrowser />
    </Suspense>
  );
}
