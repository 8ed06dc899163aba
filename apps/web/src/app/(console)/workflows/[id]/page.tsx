"use client";
import { useParams } from "next/navigation";
import { RunPage } from "@/components/workflows/RunPage";
import { runIdFromParam } from "@/lib/workflow-format";

export default function WorkflowRunRoute() {
  const params = useParams<{ id: string }>();
  const id = runIdFromParam(params.id);
  return <RunPage key={id} id={id} />;
}
