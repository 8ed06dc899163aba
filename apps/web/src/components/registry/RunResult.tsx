/** A function call's reply: its value as JSON, or its error with kind, message and traceback. */
import type { NodeReply } from "@wippy/api";

export function RunResult({ reply, ms }: { reply: NodeReply; ms: number }) {
  if (reply.ok) {
    return (
      <div className="notice success" data-testid="run-result" data-ok="true" style={{ margin: 0 }}>
        Returned in {ms} ms:
        <pre className="result" data-testid="run-value">
          {JSON.stringify(reply.value, null, 2) ?? "nil"}
        </pre>
      </div>
    );
  }
  return (
    <div className="notice error" data-testid="run-result" data-ok="false" style={{ margin: 0 }}>
      <strong>{reply.kind || "Error"}</strong>: {reply.message} <span className="muted">({ms} ms)</span>
      {reply.traceback ? (
        <pre className="traceback" data-testid="run-traceback">
          {reply.traceback}
        </pre>
      ) : null}
    </div>
  );
}
