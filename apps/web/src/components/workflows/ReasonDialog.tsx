"use client";
/**
 * Cancel or terminate a run, with a reason the history keeps. Cancel is cooperative (the
 * workflow sees CANCEL and decides how to end); terminate ends it at once.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Dialog } from "@/components/ui/Dialog";
import { IssueList } from "@/components/ui/IssueList";
import { useTRPC } from "@/lib/trpc";

const TEXT = {
  cancel: {
    title: "Cancel this run?",
    explain: "The workflow receives a CANCEL event on process.events() and ends the way its code decides (it may clean up first). Nothing happens until it next runs.",
    confirm: "Request cancellation",
    done: (id: string) => `Requested cancellation of ${id}.`,
  },
  terminate: {
    title: "Terminate this run?",
    explain: "The run ends now, as terminated: no more of its code runs, its timers are dropped, and activities in flight are abandoned. This cannot be undone.",
    confirm: "Terminate",
    done: (id: string) => `Terminated ${id}.`,
  },
} as const;

export function ReasonDialog({ runId, action, onClose, onDone }: { runId: string; action: "cancel" | "terminate"; onClose: () => void; onDone: (text: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const text = TEXT[action];
  const options = {
    onSuccess: async () => {
      await queryClient.invalidateQueries(trpc.workflows.pathFilter());
      onDone(text.done(runId));
    },
  };
  const cancel = useMutation(trpc.workflows.cancel.mutationOptions(options));
  const terminate = useMutation(trpc.workflows.terminate.mutationOptions(options));
  const mutation = action === "cancel" ? cancel : terminate;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!mutation.isPending) mutation.mutate({ id: runId, reason: reason.trim() });
  };

  return (
    <Dialog
      title={text.title}
      onClose={onClose}
      testId={`${action}-dialog`}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Keep running
          </button>
          <button type="submit" form="reason-form" className={action === "terminate" ? "danger solid" : "primary"} disabled={mutation.isPending} data-testid={`${action}-submit`}>
            {mutation.isPending ? "Working…" : text.confirm}
          </button>
        </>
      }
    >
      <form id="reason-form" onSubmit={submit}>
        <p style={{ marginTop: 0 }}>{text.explain}</p>
        <label className="field">
          <span>Reason (kept in the run&apos;s history)</span>
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} placeholder="why" data-testid={`${action}-reason`} />
        </label>
      </form>
      {mutation.error ? <IssueList error={mutation.error} testId={`${action}-error`} /> : null}
    </Dialog>
  );
}
