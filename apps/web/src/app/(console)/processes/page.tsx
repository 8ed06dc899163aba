import type { Metadata } from "next";
import { ProcessesPage } from "@/components/processes/ProcessesPage";

export const metadata: Metadata = { title: "Processes" };

export default function ProcessesRoute() {
  return <ProcessesPage />;
}
