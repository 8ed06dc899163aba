"use client";
import { useParams } from "next/navigation";
import { EntryHistory } from "@/components/history/EntryHistory";
import { decodeEntryIdParam } from "@/lib/entry-id";

export default function EntryHistoryRoute() {
  const params = useParams<{ id: string }>();
  const id = decodeEntryIdParam(params.id);
  return <EntryHistory key={id} id={id} />;
}
