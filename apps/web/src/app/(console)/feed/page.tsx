import type { Metadata } from "next";
import { Suspense } from "react";
import { FeedPage } from "@/components/feed/FeedPage";
import { Loading } from "@/components/ui/Loading";

export const metadata: Metadata = { title: "Activity" };

export default function FeedRoute() {
  return (
    <Suspense fallback={<Loading />}>
      <FeedPage />
    </Suspense>
  );
}
