"use client";
/**
 * "Start workflow": a `workflow.lua` entry, the `workflow.host` to run it on, its arguments as
 * a JSON array, and optionally a business id with its conflict policy — as
 * `npx wippy workflow start` takes them. A new run opens its page; an id that is taken
 * (`use_existing`) says so and links to the existing run. Operators and above.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Dialog } from "@/components/ui/Dialog";
import { ErrorMessage } from "@/components/ui/ErrorMessage";
import { IssueList } from "@/components/ui/IssueList";
import { parseJsonArray } from "@/lib/json-text";
import { useTRPC } from "@/lib/trpc";
import { runHref } from "@/lib/workflow-format";

const POLICIES = [
  { value: "use_existing", label: "use the existing run" },
  { value: "fail", label: "refuse" },
  { value: "terminate_existing", label: "terminate it and start anew" },
] as const;
type Policy = (typeof POLICIES)[number]["value"];

export function StartWorkflowDialog({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const entries = (kind: string) => trpc.registry.list.queryOptions({ kind, recursive: true, limit: 500 }, { staleTime: 10_000 });
  const workflows = useQuery(entries("workflow.lua"));
  const hosts = useQuery(entries("workflow.host"));
  const [workflow, setWorkflow] = useState("");
  const [host, setHost] = useState("");
  const [argsText, setArgsText] = useState("[]");
  const [businessId, setBusinessId] = useState("");
  const [policy, setPolicy] = useState<Policy>("use_existing");
  const start = useMutation(
    trpc.workflows.start.mutationOptions({
      onSuccess: async (started) => {
        await queryClient.invalidateQueries(trpc.workflows.list.pathFilter());
        if (started.created) router.push(runHref(started.runId));
      },
    }),
  );

  const hostIds = hosts.data?.items.map((e) => e.id) ?? [];
  const chosenHost = host || (hostIds.length === 1 ? hostIds[0] : "") || "";
  const args = parseJsonArray(argsText);
  const ready = workflow !== "" && chosenHost !== "" && args.ok && !start.isPending;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready || !args.ok) return;
    start.mutate({ workflow, host: chosenHost, args: args.value, id: businessId.trim() || undefined, policy: businessId.trim() ? policy : undefined });
  };

  return (
    <Dialog
      title="Start a workflow"
      onClose={onClose}
      testId="start-dialog"
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="start-workflow-form" className="primary" disabled={!ready} data-testid="start-submit">
            {start.isPending ? "Starting…" : "Start"}
          </button>
        </>
      }
    >
      <form id="start-workflow-form" onSubmit={submit}>
        <label className="field">
          <span>Workflow</span>
          <select value={workflow} onChange={(e) => setWorkflow(e.target.value)} required data-testid="start-workflow-entry">
            <option value="">{workflows.isPending ? "Loading…" : "Choose a workflow.lua entry"}</option>
            {(workflows.data?.items ?? []).map((e) => (
              <option key={e.id} value={e.id}>
                {e.id}
              </option>
            ))}
          </select>
          {workflows.data?.items.length === 0 ? <span className="field-hint">The registry has no workflow.lua entry.</span> : null}
        </label>
        <label className="field">
          <span>Host</span>
          <select value={chosenHost} onChange={(e) => setHost(e.target.value)} required data-testid="start-host">
            {hostIds.length !== 1 ? <option value="">{hosts.isPending ? "Loading…" : "Choose a workflow.host"}</option> : null}
            {hostIds.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
          {hosts.data && hostIds.length === 0 ? <span className="field-error">The registry has no workflow.host entry to run workflows on.</span> : null}
        </label>
        <label className="field">
          <span>Arguments (JSON array: the method&apos;s parameters)</span>
          <textarea rows={4} value={argsText} onChange={(e) => setArgsText(e.target.value)} spellCheck={false} aria-invalid={!args.ok} data-testid="start-args" />
          {!args.ok ? (
            <span className="field-error" data-testid="start-args-error">
              {args.error}
            </span>
          ) : null}
        </label>
        <div className="row" style={{ alignItems: "flex-start" }}>
          <label className="field" style={{ flex: 1 }}>
            <span>Business id (optional)</span>
            <input value={businessId} onChange={(e) => setBusinessId(e.target.value)} placeholder="generated when empty" data-testid="start-id" />
          </label>
          <label className="field" style={{ flex: 1 }}>
            <span>If a run with this id exists</span>
            <select value={policy} onChange={(e) => setPolicy(e.target.value as Policy)} disabled={!businessId.trim()} data-testid="start-policy">
              {POLICIES.map((p) => (
                <option key={p.value} value={p.value}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
        </div>
      </form>
      {workflows.error ? <ErrorMessage error={workflows.error} title="Workflows" /> : null}
      {hosts.error ? <ErrorMessage error={hosts.error} title="Hosts" /> : null}
      {start.error ? <IssueList error={start.error} testId="start-error" /> : null}
      {start.data && !start.data.created ? (
        <div className="notice warning" data-testid="start-existing">
          A run with the id {start.data.runId} already exists: nothing was started. <Link href={runHref(start.data.runId)}>Open it</Link>
        </div>
      ) : null}
    </Dialog>
  );
}
