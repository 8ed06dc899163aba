import type { Metadata } from "next";
import { NodeTable } from "@/components/nodes/NodeTable";
import { PageHeader } from "@/components/ui/PageHeader";

export const metadata: Metadata = { title: "Nodes" };

export default function NodesRoute() {
  return (
    <>
      <PageHeader title="Nodes" subtitle="Runtime nodes connected to this control plane, as their heartbeats report them." />
      <NodeTable />
    </>
  );
}
