"use client";
/** A titled group of form fields over one JSON object (an entry's data or meta). */
import type { FormField } from "@wippy/api";
import type { JsonObject } from "@wippy/shared";
import { getPath, setPath } from "@/lib/json-path";
import { FormFieldControl, type RefCandidate } from "./FormFieldControl";

interface FieldListProps {
  title: string;
  fields: readonly FormField[];
  root: JsonObject;
  onChange: (next: JsonObject) => void;
  readOnly: boolean;
  candidates: readonly RefCandidate[];
  group: "data" | "meta";
}

export function FieldList({ title, fields, root, onChange, readOnly, candidates, group }: FieldListProps) {
  const shown = fields.filter((f) => f.control !== "lua");
  if (shown.length === 0) return null;
  return (
    <fieldset className="card" style={{ margin: 0, padding: "12px 16px 4px" }}>
      <legend className="field-label" style={{ padding: "0 6px" }}>
        {title}
      </legend>
      <div className="form-grid">
        {shown.map((field) => (
          <FormFieldControl
            key={field.path}
            field={field}
            value={getPath(root, field.path)}
            onChange={(value) => onChange(setPath(root, field.path, value))}
            readOnly={readOnly}
            candidates={candidates}
            testId={`field-${group}-${field.path || "all"}`}
          />
        ))}
      </div>
    </fieldset>
  );
}
