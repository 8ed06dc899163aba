"use client";
/** /workflows: durable workflow runs — filters kept in the URL, counts per status, and "Start workflow" for operators. */
import { useState } from "react";
import { PageHeader } from "@/components/ui/PageHeader";
import { useCurrentUser } from "@/lib/hooks/use-current-user";
import { useRunFilters } from "@/lib/hooks/use-run-filters";
import { rangeProblem } from "@/lib/workflow-filters";
import { RunFilterBar } from "./RunFilterBar";
import { RunTable } from "./RunTable";
import { StartWorkflowDialog } from "./StartWorkflowDialog";

export function WorkflowsPage() {
  const { filters, update } = useRunFilters();
  const { can } = useCurrentUser();
  const [starting, setStarting] = useState(false);
  return (
    <>
      <PageHeader title="Workflows" subtitle="Durable workflow runs: what each is doing, what it waits for, and how it ended.">
        {can("operator") ? (
          <button type="button" className="primary" onClick={() => setStarting(true)} data-testid="start-workflow">
            Start workflow
          </button>
        ) : null}
      </PageHeader>
      <RunFilterBar filters={filters} onChange={update} />
      <RunTable filters={filters} onStatus={(status) => update({ status })} usable={rangeProblem(filters) === null} />
      {starting ? <StartWorkflowDialog onClose={() => setStarting(false)} /> : null}
    </>
  );
}
