/** Under the source editor: "No syntax errors", or each error with its line. */
import type { SourceDiagnostic } from "@/lib/monaco";

export function SyntaxSummary({ diagnostics, checking }: { diagnostics: readonly SourceDiagnostic[]; checking: boolean }) {
  if (diagnostics.length === 0) {
    return (
      <div className="muted small-text" data-testid="syntax-status" data-state={checking ? "checking" : "ok"}>
        {checking ? "Checking…" : "✓ No syntax errors"}
      </div>
    );
  }
  return (
    <div className="notice error" role="alert" data-testid="syntax-errors" style={{ margin: 0 }}>
      {diagnostics.length === 1 ? "1 syntax error" : `${diagnostics.length} syntax errors`} — saving is refused until fixed.
      <ul>
        {diagnostics.map((d) => (
          <li key={`${d.line}:${d.column}:${d.message}`}>
            line {d.line}
            {d.column ? `, column ${d.column}` : ""}: {d.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
