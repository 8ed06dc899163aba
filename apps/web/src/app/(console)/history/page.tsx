import type { Metadata } from "next";
import { VersionTable } from "@/components/history/VersionTable";
import { PageHeader } from "@/components/ui/PageHeader";

export const metadata: Metadata = { title: "History" };

export default function HistoryRoute() {
  return (
    <>
      <PageHeader title="History" subtitle="Every registry version: who made it, from where, and why. Open one to see its changes or roll back to it." />
      <VersionTable />
    </>
  );
}
