"use client";
import { useParams } from "next/navigation";
import { ProcessPage } from "@/components/processes/ProcessPage";
import { decodeProcessParam } from "@/lib/processes/process-href";

export default function ProcessRoute() {
  const params = useParams<{ nodeId: string; pid: string }>();
  const nodeId = decodeProcessParam(params.nodeId);
  const pid = decodeProcessParam(params.pid);
  return <ProcessPage key={`${nodeId}\u0000${pid}`} nodeId={nodeId} pid={pid} />;
}
