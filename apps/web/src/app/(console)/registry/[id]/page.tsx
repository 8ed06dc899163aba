"use client";
import { useParams } from "next/navigation";
import { Suspense } from "react";
import { EntryPage } from "@/components/registry/EntryPage";
import { Loading } from "@/components/ui/Loading";
import { decodeEntryIdParam } from "@/lib/entry-id";

export default function RegistryEntryRoute() {
  const params = useParams<{ id: string }>();
  const id = decodeEntryIdParam(params.id);
  return (
    <Suspense fallback={<Loading />}>
      <EntryPage key={id} id={id} />
    </Suspense>
  );
}
