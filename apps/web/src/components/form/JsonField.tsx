"use client";
/** A JSON value edited as text; the value changes only when the text parses. */
import { useId, useState } from "react";
import type { JsonValue } from "@wippy/shared";

interface JsonFieldProps {
  label: string;
  value: JsonValue | undefined;
  onChange: (value: JsonValue | undefined) => void;
  readOnly: boolean;
  testId: string;
  /** Empty text removes the field. */
  optional?: boolean;
  rows?: number;
}

function toText(value: JsonValue | undefined): string {
  return value === undefined ? "" : JSON.stringify(value, null, 2);
}

export function JsonField({ label, value, onChange, readOnly, testId, optional = true, rows }: JsonFieldProps) {
  const [text, setText] = useState(() => toText(value));
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  return (
    <div className="field" style={{ marginBottom: 8 }}>
      <label className="field-label" htmlFor={id}>
        {label} <span className="muted">(JSON)</span>
      </label>
      <textarea
        id={id}
        rows={rows ?? Math.min(16, Math.max(3, text.split("\n").length))}
        value={text}
        readOnly={readOnly}
        spellCheck={false}
        data-testid={testId}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value.trim() === "") {
            setError(optional ? null : "a value is required");
            if (optional) onChange(undefined);
            return;
          }
          try {
            onChange(JSON.parse(e.target.value) as JsonValue);
            setError(null);
          } catch (caught) {
            setError(caught instanceof Error ? caught.message : "not valid JSON");
          }
        }}
      />
      {error ? <span className="field-error">{error}</span> : null}
    </div>
  );
}
