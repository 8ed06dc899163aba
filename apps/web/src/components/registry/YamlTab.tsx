"use client";
/**
 * The entry as YAML in the Wippy file format (any kind). Editing here is its own mode: the
 * text is parsed by the server on save, and its errors become markers.
 */
import { CodeEditor } from "@/components/editor/CodeEditor";
import { dirtyMode, useEntryDraft } from "@/lib/entry-draft-store";

export function YamlTab({ readOnly, onSave }: { readOnly: boolean; onSave: () => void }) {
  const state = useEntryDraft();
  const fieldsDirty = dirtyMode(state) === "fields";
  return (
    <div className="stack" style={{ gap: 8, paddingTop: 4 }}>
      {fieldsDirty ? (
        <div className="notice warning" style={{ margin: 0 }} data-testid="yaml-locked">
          You have unsaved changes in the Form or Source tab. Save or discard them to edit the YAML.
        </div>
      ) : null}
      <CodeEditor
        value={state.yaml}
        language="yaml"
        onChange={state.setYaml}
        onSave={onSave}
        readOnly={readOnly}
        diagnostics={state.yamlDiagnostics}
        syncKey={state.revision}
        height="min(62vh, 640px)"
        ariaLabel="Entry YAML"
        testId="yaml-editor"
      />
      {state.yamlDiagnostics.length > 0 ? (
        <div className="notice error" role="alert" data-testid="yaml-errors" style={{ margin: 0 }}>
          <ul style={{ margin: 0 }}>
            {state.yamlDiagnostics.map((d) => (
              <li key={`${d.line}:${d.column}:${d.message}`}>
                line {d.line}: {d.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
