"use client";
/**
 * Confirm cancel (with a reason the process receives), terminate, or restart the service the
 * process runs as. Each says what will happen before it happens.
 */
import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Dialog } from "@/components/ui/Dialog";
import { IssueList } from "@/components/ui/IssueList";
import { useTRPC } from "@/lib/trpc";
import type { ActionDone } from "./ProcessActions";

export type ConfirmedAction = "cancel" | "terminate" | "restart";

const TEXT: Record<ConfirmedAction, { title: string; explain: string; confirm: string; danger: boolean }> = {
  cancel: {
    title: "Cancel this process?",
    explain: "The process receives a CANCEL event with your reason and decides how to stop (it may clean up first). A supervised process that stops is handled by its restart policy.",
    confirm: "Send CANCEL",
    danger: false,
  },
  terminate: {
    title: "Terminate this process?",
    explain: "The process stops at once, without running any more of its code; linked processes get its exit signal. A supervised process is restarted by its supervisor, as after a crash.",
    confirm: "Terminate",
    danger: true,
  },
  restart: {
    title: "Restart this service?",
    explain: "Its supervisor stops the service's process and starts a new one (a new pid), counted as a restart.",
    confirm: "Restart service",
    danger: true,
  },
};

interface ConfirmProcessDialogProps {
  action: ConfirmedAction;
  nodeId: string;
  pid: string;
  service?: string;
  onClose: () => void;
  onDone: ActionDone;
}

export function ConfirmProcessDialog({ action, nodeId, pid, service, onClose, onDone }: ConfirmProcessDialogProps) {
  const trpc = useTRPC();
  const [reason, setReason] = useState("");
  const text = TEXT[action];
  const done = { onSuccess: (result: Parameters<ActionDone>[1]) => onDone(action, result) };
  const cancel = useMutation(trpc.processes.cancel.mutationOptions(done));
  const terminate = useMutation(trpc.processes.terminate.mutationOptions(done));
  const restart = useMutation(trpc.processes.restartService.mutationOptions(done));
  const pending = cancel.isPending || terminate.isPending || restart.isPending;
  const error = cancel.error ?? terminate.error ?? restart.error;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    if (action === "cancel") cancel.mutate({ nodeId, dest: pid, ...(reason.trim() ? { reason: reason.trim() } : {}) });
    else if (action === "terminate") terminate.mutate({ nodeId, dest: pid });
    else if (service) restart.mutate({ nodeId, id: service });
  };

  return (
    <Dialog
      title={text.title}
      onClose={onClose}
      testId={`${action}-dialog`}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Keep it
          </button>
          <button type="submit" form="confirm-process-form" className={text.danger ? "danger solid" : "primary"} disabled={pending} data-testid={`${action}-confirm`}>
            {pending ? "Working…" : text.confirm}
          </button>
        </>
      }
    >
      <form id="confirm-process-form" onSubmit={submit}>
        <p style={{ marginTop: 0 }}>
          {action === "restart" ? <span className="mono">{service}</span> : <span className="mono">{pid}</span>}
          {action === "restart" ? <> (now running as <span className="mono">{pid}</span>)</> : null}
        </p>
        <p>{text.explain}</p>
        {action === "cancel" ? (
          <label className="field">
            <span>Reason (the process receives it)</span>
            <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} placeholder="canceled from the control plane" data-testid="cancel-reason" />
          </label>
        ) : null}
        <p className="muted small-text" style={{ marginBottom: 0 }}>
          The action and its outcome are recorded in the audit log.
        </p>
      </form>
      {error ? <IssueList error={error} testId={`${action}-error`} /> : null}
    </Dialog>
  );
}
