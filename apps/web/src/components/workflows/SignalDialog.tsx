"use client";
/**
 * Sending a signal to a run: a topic and an optional JSON payload (what `msg:payload():data()`
 * gives the workflow). Nothing is sent until the payload parses; the text stays on a refusal.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Dialog } from "@/components/ui/Dialog";
import { IssueList } from "@/components/ui/IssueList";
import { parseJsonText } from "@/lib/json-text";
import { useTRPC } from "@/lib/trpc";

export function SignalDialog({ runId, onClose, onDone }: { runId: string; onClose: () => void; onDone: (text: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [topic, setTopic] = useState("");
  const [payloadText, setPayloadText] = useState("");
  const send = useMutation(
    trpc.workflows.signal.mutationOptions({
      onSuccess: async (sent) => {
        await queryClient.invalidateQueries(trpc.workflows.get.queryFilter({ id: runId }));
        onDone(`Sent ${sent.topic} to ${runId}.`);
      },
    }),
  );
  const payload = payloadText.trim() === "" ? null : parseJsonText(payloadText);
  const topicProblem = topic.trim() === "" ? "A topic is required." : topic.trim().startsWith("@") ? "Topics beginning with @ are reserved for the system." : null;
  const ready = topicProblem === null && (payload === null || payload.ok) && !send.isPending;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    send.mutate({ id: runId, topic: topic.trim(), payload: payload?.ok ? payload.value : undefined });
  };

  return (
    <Dialog
      title="Send a signal"
      onClose={onClose}
      testId="signal-dialog"
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="signal-form" className="primary" disabled={!ready} data-testid="signal-submit">
            {send.isPending ? "Sending…" : "Send signal"}
          </button>
        </>
      }
    >
      <form id="signal-form" onSubmit={submit}>
        <p className="muted small-text" style={{ marginTop: 0 }}>
          The run receives it through <code>process.inbox()</code> or <code>process.listen(topic)</code> — now if it is waiting, or when it next runs.
        </p>
        <label className="field">
          <span>Topic</span>
          <input value={topic} onChange={(e) => setTopic(e.target.value)} placeholder="approve" aria-invalid={topic !== "" && topicProblem !== null} data-testid="signal-topic" />
          {topic !== "" && topicProblem ? <span className="field-error">{topicProblem}</span> : null}
        </label>
        <label className="field">
          <span>Payload (JSON, optional)</span>
          <textarea rows={5} value={payloadText} onChange={(e) => setPayloadText(e.target.value)} placeholder='{"by": "ann"}' spellCheck={false} aria-invalid={payload?.ok === false} data-testid="signal-payload" />
          {payload && !payload.ok ? (
            <span className="field-error" data-testid="signal-payload-error">
              {payload.error}
            </span>
          ) : null}
        </label>
      </form>
      {send.error ? <IssueList error={send.error} testId="signal-error" /> : null}
    </Dialog>
  );
}
