/**
 * Syntax-error markers: the diagnostics of `registry.checkLua` (the runtime's own dialect loader,
 * run on the server) drawn on a Monaco model.
 */
import type * as Monaco from "monaco-editor";

export interface SourceDiagnostic {
  /** 1-based. */
  line: number;
  /** 1-based; 0 or missing means "somewhere on the line". */
  column: number;
  message: string;
}

export const SYNTAX_MARKER_OWNER = "wippy-lua-syntax";

export function toMarkers(monaco: typeof Monaco, model: Monaco.editor.ITextModel, diagnostics: readonly SourceDiagnostic[]): Monaco.editor.IMarkerData[] {
  const lines = model.getLineCount();
  return diagnostics.map((d) => {
    const line = Math.min(Math.max(1, d.line), lines);
    const maxColumn = model.getLineMaxColumn(line);
    const column = d.column > 0 ? Math.min(d.column, maxColumn) : model.getLineFirstNonWhitespaceColumn(line) || 1;
    const word = model.getWordAtPosition({ lineNumber: line, column });
    const endColumn = Math.max(word?.endColumn ?? maxColumn, column + 1);
    return {
      severity: monaco.MarkerSeverity.Error,
      message: d.message,
      startLineNumber: line,
      startColumn: column,
      endLineNumber: line,
      endColumn,
      source: "lua",
    };
  });
}

export function setSyntaxMarkers(monaco: typeof Monaco, model: Monaco.editor.ITextModel, diagnostics: readonly SourceDiagnostic[]): void {
  monaco.editor.setModelMarkers(model, SYNTAX_MARKER_OWNER, toMarkers(monaco, model, diagnostics));
}
