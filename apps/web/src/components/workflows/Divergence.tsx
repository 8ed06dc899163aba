/**
 * Where code diverged from a run's history (`NonDeterminism`): the message, and from its
 * details the entry, Lua line, command number, history seq, and what was recorded vs issued.
 */
import type { JsonValue, WorkflowError } from "@wippy/shared";
import { shortJson } from "@/lib/json-text";

const FIELDS = [
  ["entry", "Entry"],
  ["line", "Line"],
  ["command", "Command"],
  ["seq", "History seq"],
  ["expected", "Recorded"],
  ["got", "Issued now"],
] as const;

export function Divergence({ error }: { error: WorkflowError }) {
  const details = error.details !== null && typeof error.details === "object" && !Array.isArray(error.details) ? (error.details as Record<string, JsonValue>) : {};
  const shown = FIELDS.filter(([key]) => details[key] !== undefined && details[key] !== null);
  return (
    <div data-testid="divergence">
      <p className="break" style={{ margin: "0 0 8px" }}>
        <strong>{error.kind}:</strong> {error.message}
      </p>
      {shown.length > 0 ? (
        <dl className="kv">
          {shown.map(([key, label]) => (
            <div key={key} style={{ display: "contents" }}>
              <dt>{label}</dt>
              <dd className="mono break">{typeof details[key] === "string" ? details[key] : shortJson(details[key], 200)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}
