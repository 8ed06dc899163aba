/** A structured diff of JSON (meta, data): one row per changed field path. */
import type { JsonValue } from "@wippy/shared";
import { diffJson, formatJsonValue, type JsonDiffOp } from "@/lib/json-diff";

const SIGN: Record<JsonDiffOp, string> = { added: "+", removed: "−", changed: "~" };

export function DataDiff({ before, after, testId = "data-diff" }: { before: JsonValue | undefined; after: JsonValue | undefined; testId?: string }) {
  const rows = diffJson(before, after);
  if (rows.length === 0) return null;
  return (
    <div className="data-diff" data-testid={testId}>
      {rows.map((row) => (
        <div key={row.path} className={`data-diff-row ${row.op}`} data-testid="data-diff-row" data-op={row.op}>
          <span aria-label={row.op}>{SIGN[row.op]}</span>
          <span className="break">{row.path || "(value)"}</span>
          <span className="data-diff-value">
            {row.op === "changed" ? (
              <>
                <del>{formatJsonValue(row.before)}</del> → <ins>{formatJsonValue(row.after)}</ins>
              </>
            ) : (
              formatJsonValue(row.op === "added" ? row.after : row.before)
            )}
          </span>
        </div>
      ))}
    </div>
  );
}
