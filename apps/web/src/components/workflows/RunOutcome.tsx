/** A run's input beside its result or error (or that it has none yet). */
import type { RouterOutputs } from "@/lib/trpc";
import { JsonBlock } from "./JsonBlock";
import styles from "./workflows.module.css";

type Run = RouterOutputs["workflows"]["get"]["run"];

export function RunOutcome({ run }: { run: Run }) {
  return (
    <div className={styles.columns}>
      <section className="card">
        <div className="card-header">
          <h3>Input</h3>
          <span className="muted small-text">the method&apos;s arguments</span>
        </div>
        <div className="card-body">
          <JsonBlock value={run.input} testId="run-input" />
        </div>
      </section>
      <section className="card" data-testid="run-outcome" data-status={run.status}>
        <div className="card-header">
          <h3>{run.status === "completed" ? "Result" : run.error ? "Error" : "Result"}</h3>
        </div>
        <div className="card-body">
          {run.status === "completed" ? <JsonBlock value={run.result} testId="run-result" /> : null}
          {run.error ? (
            <div className="notice error" data-testid="run-error">
              <strong>{run.error.kind || "Error"}:</strong> {run.error.message}
            </div>
          ) : null}
          {run.status === "running" ? <p className="muted" style={{ margin: 0 }}>Not yet: the run is still running.</p> : null}
        </div>
      </section>
    </div>
  );
}
