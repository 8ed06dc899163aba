"use client";
import { useParams } from "next/navigation";
import { ChangeReviewPage } from "@/components/changes/ChangeReviewPage";

export default function ChangeRoute() {
  const params = useParams<{ id: string }>();
  const id = Number(params.id);
  return <ChangeReviewPage key={id} id={id} />;
}
