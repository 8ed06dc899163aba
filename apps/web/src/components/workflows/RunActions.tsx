"use client";
/**
 * The operator's actions on a running run — signal, cancel, terminate, upgrade — each behind
 * a dialog that asks for what it needs and confirms. Hidden for viewers and for ended runs.
 * `onDone` gets the outcome in words for the page's notice.
 */
import { useState } from "react";
import { useCurrentUser } from "@/lib/hooks/use-current-user";
import { ReasonDialog } from "./ReasonDialog";
import { SignalDialog } from "./SignalDialog";
import { UpgradeDialog } from "./UpgradeDialog";

type Action = "signal" | "cancel" | "terminate" | "upgrade";

export function RunActions({ runId, running, onDone }: { runId: string; running: boolean; onDone: (text: string) => void }) {
  const { can } = useCurrentUser();
  const [open, setOpen] = useState<Action | null>(null);
  if (!can("operator") || !running) return null;
  const close = () => setOpen(null);
  const done = (text: string) => {
    setOpen(null);
    onDone(text);
  };
  return (
    <div className="row" data-testid="run-actions">
      <button type="button" onClick={() => setOpen("signal")} data-testid="action-signal">
        Signal…
      </button>
      <button type="button" onClick={() => setOpen("upgrade")} data-testid="action-upgrade">
        Upgrade…
      </button>
      <button type="button" onClick={() => setOpen("cancel")} data-testid="action-cancel">
        Cancel…
      </button>
      <button type="button" className="danger" onClick={() => setOpen("terminate")} data-testid="action-terminate">
        Terminate…
      </button>
      {open === "signal" ? <SignalDialog runId={runId} onClose={close} onDone={done} /> : null}
      {open === "cancel" || open === "terminate" ? <ReasonDialog runId={runId} action={open} onClose={close} onDone={done} /> : null}
      {open === "upgrade" ? <UpgradeDialog runId={runId} onClose={close} onDone={done} /> : null}
    </div>
  );
}
