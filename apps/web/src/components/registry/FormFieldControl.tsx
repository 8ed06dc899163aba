"use client";
/** One form field, drawn by its `control` (registry.kinds); empty input removes the field. */
import type { FormField } from "@wippy/api";
import type { JsonValue } from "@wippy/shared";
import { ImportsInput } from "@/components/form/ImportsInput";
import { JsonField } from "@/components/form/JsonField";
import { TokenListInput } from "@/components/form/TokenListInput";
import { LUA_MODULES } from "@/lib/monaco/lua-docs";

export interface RefCandidate {
  id: string;
  kind: string;
}

interface FormFieldControlProps {
  field: FormField;
  value: JsonValue | undefined;
  onChange: (value: JsonValue | undefined) => void;
  readOnly: boolean;
  candidates: readonly RefCandidate[];
  testId: string;
}

const MODULE_NAMES = LUA_MODULES.filter((m) => !m.global).map((m) => m.name);

function placeholderOf(field: FormField): string | undefined {
  return field.default === undefined ? undefined : `default: ${typeof field.default === "string" ? field.default : JSON.stringify(field.default)}`;
}

export function FormFieldControl({ field, value, onChange, readOnly, candidates, testId }: FormFieldControlProps) {
  const listId = `${testId}-options`;
  const refIds = candidates.filter((c) => !field.refKinds || field.refKinds.includes(c.kind)).map((c) => c.id);
  const text = typeof value === "string" || typeof value === "number" ? String(value) : "";
  const label = (
    <span>
      {field.label}
      {field.required ? " *" : ""}
    </span>
  );
  const hint = field.help ? <span className="field-hint">{field.help}</span> : null;

  switch (field.control) {
    case "lua":
      return null;
    case "text":
    case "duration":
      return (
        <label className="field">
          {label}
          <input value={text} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)} readOnly={readOnly} placeholder={placeholderOf(field)} data-testid={testId} />
          {hint}
        </label>
      );
    case "integer":
    case "number":
      return (
        <label className="field">
          {label}
          <input
            type="number"
            step={field.control === "integer" ? 1 : "any"}
            value={text}
            onChange={(e) => onChange(e.target.value === "" || Number.isNaN(e.target.valueAsNumber) ? undefined : e.target.valueAsNumber)}
            readOnly={readOnly}
            placeholder={placeholderOf(field)}
            data-testid={testId}
          />
          {hint}
        </label>
      );
    case "boolean":
      return (
        <label className="field">
          {label}
          <select value={value === true ? "true" : value === false ? "false" : ""} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value === "true")} disabled={readOnly} data-testid={testId}>
            <option value="">{placeholderOf(field) ?? "not set"}</option>
            <option value="true">yes</option>
            <option value="false">no</option>
          </select>
          {hint}
        </label>
      );
    case "enum":
      return (
        <label className="field">
          {label}
          <select value={text} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)} disabled={readOnly} data-testid={testId}>
            <option value="">{placeholderOf(field) ?? "not set"}</option>
            {(field.options ?? []).map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
          {hint}
        </label>
      );
    case "entryRef":
      return (
        <label className="field">
          {label}
          <input value={text} list={listId} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)} readOnly={readOnly} placeholder="namespace:name" data-testid={testId} />
          <datalist id={listId}>
            {refIds.map((id) => (
              <option key={id} value={id} />
            ))}
          </datalist>
          {hint}
        </label>
      );
    case "entryRefs":
    case "modules":
      return (
        <label className="field">
          {label}
          <TokenListInput value={value} onChange={onChange} readOnly={readOnly} suggestions={field.control === "modules" ? MODULE_NAMES : refIds} testId={testId} />
          {hint ?? <span className="field-hint">separate with commas</span>}
        </label>
      );
    case "imports":
      return (
        <div className="field wide">
          {label}
          <ImportsInput value={value} onChange={onChange} readOnly={readOnly} suggestions={refIds} testId={testId} />
          {hint}
        </div>
      );
    case "json":
      return (
        <div className="field wide">
          <JsonField label={field.label} value={value} onChange={onChange} readOnly={readOnly} testId={testId} optional={field.path !== ""} />
          {hint}
        </div>
      );
    default: {
      const never: never = field.control;
      throw new Error(`unknown form control ${String(never)}`);
    }
  }
}
