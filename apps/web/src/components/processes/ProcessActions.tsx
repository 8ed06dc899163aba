"use client";
/**
 * The operator's actions on a live process — send a message, cancel, terminate, and restart
 * the service it runs as — each behind a dialog. Hidden for viewers and once the process has
 * exited. The outcome (the node's reply) becomes a toast; the audit entry is the server's.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { NodeReply } from "@wippy/shared";
import { useCurrentUser } from "@/lib/hooks/use-current-user";
import { describeOutcome, type ProcessAction } from "@/lib/processes/process-actions";
import { showToast } from "@/lib/toast-store";
import { useTRPC } from "@/lib/trpc";
import { ConfirmProcessDialog, type ConfirmedAction } from "./ConfirmProcessDialog";
import { SendMessageDialog } from "./SendMessageDialog";

export type ActionDone = (action: ProcessAction, result: { reply: NodeReply; ms: number }, extra?: { topic?: string }) => void;

export function ProcessActions({ nodeId, pid, service }: { nodeId: string; pid: string; service?: string }) {
  const { can } = useCurrentUser();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<ProcessAction | null>(null);
  if (!can("operator")) return null;
  const close = () => setOpen(null);
  const done: ActionDone = (action, result, extra) => {
    setOpen(null);
    showToast(describeOutcome(action, { pid, service, topic: extra?.topic }, result));
    void queryClient.invalidateQueries(trpc.processes.inspect.queryFilter({ nodeId, pid }));
  };
  return (
    <div className="row" data-testid="process-actions">
      <button type="button" onClick={() => setOpen("send")} data-testid="action-send">
        Send message…
      </button>
      <button type="button" onClick={() => setOpen("cancel")} data-testid="action-cancel">
        Cancel…
      </button>
      <button type="button" className="danger" onClick={() => setOpen("terminate")} data-testid="action-terminate">
        Terminate…
      </button>
      {service ? (
        <button type="button" onClick={() => setOpen("restart")} data-testid="action-restart">
          Restart service…
        </button>
      ) : null}
      {open === "send" ? <SendMessageDialog nodeId={nodeId} pid={pid} onClose={close} onDone={done} /> : null}
      {open === "cancel" || open === "terminate" || open === "restart" ? (
        <ConfirmProcessDialog action={open as ConfirmedAction} nodeId={nodeId} pid={pid} service={service} onClose={close} onDone={done} />
      ) : null}
    </div>
  );
}
