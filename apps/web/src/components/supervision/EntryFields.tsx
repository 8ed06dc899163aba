"use client";
/**
 * The selected entry's fields, drawn by the registry's kind forms (`registry.kinds`: strategy,
 * intensity, period, process, host, input, lifecycle and restart policy, title, order …) with the
 * console's form controls. Each edit is one `setField` change; typing into one field is one undo
 * step until the field loses focus. Placement (`meta.supervisor`) is edited by connecting, or
 * with the Supervisor select of the side panel.
 */
import type { FormField, KindForm } from "@wippy/api";
import type { Entry, JsonValue } from "@wippy/shared";
import { useMemo } from "react";
import { FormFieldControl, type RefCandidate } from "@/components/registry/FormFieldControl";
import { getPath } from "@/lib/json-path";
import styles from "./supervision.module.css";
import { canvasStore, useCanvas } from "./use-canvas";

interface EntryFieldsProps {
  entry: Entry;
  form: KindForm;
  readOnly: boolean;
}

export function EntryFields({ entry, form, readOnly }: EntryFieldsProps) {
  const model = useCanvas((s) => s.model);
  const candidates = useMemo<RefCandidate[]>(
    () => [...[...model.catalog].map(([id, kind]) => ({ id, kind })), ...[...model.entries.values()].map((e) => ({ id: e.id, kind: e.kind }))],
    [model],
  );
  const data = form.fields.filter((f) => f.control !== "lua");
  const meta = form.meta.filter((f) => f.path !== "supervisor");
  const change = (group: "data" | "meta", field: FormField) => (value: JsonValue | undefined) =>
    canvasStore.getState().apply({ type: "setField", id: entry.id, path: `${group}.${field.path}`, value });

  return (
    <div onBlur={() => canvasStore.getState().seal()} data-testid="panel-fields">
      {(["data", "meta"] as const).map((group) => (
        <fieldset key={group} className="card" style={{ margin: "0 0 10px", padding: "10px 12px 0" }}>
          <legend className="field-label" style={{ padding: "0 6px" }}>
            {group === "data" ? "Fields" : "Meta"}
          </legend>
          <div className={styles.panelFields}>
            {(group === "data" ? data : meta).map((field) => (
              <FormFieldControl
                key={field.path}
                field={field}
                value={getPath(entry[group], field.path)}
                onChange={change(group, field)}
                readOnly={readOnly}
                candidates={candidates}
                testId={`panel-${group}-${field.path}`}
              />
            ))}
          </div>
        </fieldset>
      ))}
    </div>
  );
}
