import type { Metadata } from "next";
import { AuditTable } from "@/components/audit/AuditTable";
import { PageHeader } from "@/components/ui/PageHeader";

export const metadata: Metadata = { title: "Audit" };

export default function AuditRoute() {
  return (
    <>
      <PageHeader title="Audit log" subtitle="Every change made through the control plane: who, what, when, and the before/after." />
      <AuditTable />
    </>
  );
}
