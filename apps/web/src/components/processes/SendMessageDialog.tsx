"use client";
/**
 * Send a message to the process: a topic and an optional JSON payload, checked as they are
 * typed (the same rules as the server's), sent from the system (`from` is empty).
 */
import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Dialog } from "@/components/ui/Dialog";
import { IssueList } from "@/components/ui/IssueList";
import { readMessageDraft } from "@/lib/processes/process-actions";
import { useTRPC } from "@/lib/trpc";
import styles from "./processes.module.css";
import type { ActionDone } from "./ProcessActions";

export function SendMessageDialog({ nodeId, pid, onClose, onDone }: { nodeId: string; pid: string; onClose: () => void; onDone: ActionDone }) {
  const trpc = useTRPC();
  const [topic, setTopic] = useState("");
  const [payload, setPayload] = useState("");
  const [touched, setTouched] = useState(false);
  const ids = { topic: useId(), payload: useId() };
  const draft = readMessageDraft(topic, payload);
  const send = useMutation(trpc.processes.send.mutationOptions({ onSuccess: (result) => draft.ok && onDone("send", result, { topic: draft.topic }) }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (draft.ok && !send.isPending) send.mutate({ nodeId, dest: pid, topic: draft.topic, ...(draft.payload === undefined ? {} : { payload: draft.payload }) });
  };
  const problem = (field: "topic" | "payload") => (!draft.ok && draft.field === field && (touched || (field === "payload" && payload.trim() !== "")) ? draft.message : null);

  return (
    <Dialog
      title="Send a message"
      onClose={onClose}
      testId="send-dialog"
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="send-form" className="primary" disabled={send.isPending || (touched && !draft.ok)} data-testid="send-submit">
            {send.isPending ? "Sending…" : "Send"}
          </button>
        </>
      }
    >
      <form id="send-form" onSubmit={submit} noValidate>
        <p className="muted" style={{ marginTop: 0 }}>
          To <span className="mono">{pid}</span>, from the system. The process receives it on its inbox (or on a topic it listens to).
        </p>
        <div className="field">
          <label className="field-label" htmlFor={ids.topic}>
            Topic
          </label>
          <input id={ids.topic} value={topic} onChange={(e) => setTopic(e.target.value)} maxLength={250} placeholder="e.g. job" autoComplete="off" data-testid="send-topic" />
          {problem("topic") ? <span className="field-error" data-testid="send-topic-error">{problem("topic")}</span> : null}
        </div>
        <div className="field">
          <label className="field-label" htmlFor={ids.payload}>
            Payload <span className="muted">(JSON, optional)</span>
          </label>
          <textarea id={ids.payload} className={styles.payload} value={payload} onChange={(e) => setPayload(e.target.value)} spellCheck={false} placeholder='{"id": 1}' data-testid="send-payload" />
          {problem("payload") ? (
            <span className="field-error" data-testid="send-payload-error">
              {problem("payload")}
            </span>
          ) : (
            <span className="field-hint">Any JSON value: an object, a list, a string, a number…</span>
          )}
        </div>
      </form>
      {send.error ? <IssueList error={send.error} testId="send-error" /> : null}
    </Dialog>
  );
}
