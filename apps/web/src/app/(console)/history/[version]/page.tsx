"use client";
import { useParams } from "next/navigation";
import { VersionPage } from "@/components/history/VersionPage";

export default function VersionRoute() {
  const params = useParams<{ version: string }>();
  const id = Number(params.version);
  return <VersionPage key={id} id={id} />;
}
