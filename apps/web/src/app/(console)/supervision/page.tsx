import type { Metadata } from "next";
import { LiveSupervisionPage } from "@/components/supervision/LiveSupervisionPage";

export const metadata: Metadata = { title: "Supervision" };

export default function SupervisionRoute() {
  return <LiveSupervisionPage />;
}
