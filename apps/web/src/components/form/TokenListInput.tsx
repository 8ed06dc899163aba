"use client";
/** A list of names typed as `a, b, c` (modules, entry ids). Keeps its own text while typing. */
import { useState } from "react";
import type { JsonValue } from "@wippy/shared";

interface TokenListInputProps {
  value: JsonValue | undefined;
  onChange: (value: JsonValue | undefined) => void;
  readOnly: boolean;
  suggestions: readonly string[];
  testId: string;
}

function toText(value: JsonValue | undefined): string {
  return Array.isArray(value) ? value.map(String).join(", ") : "";
}

export function TokenListInput({ value, onChange, readOnly, suggestions, testId }: TokenListInputProps) {
  const [text, setText] = useState(() => toText(value));
  const listId = `${testId}-suggestions`;
  return (
    <>
      <input
        value={text}
        list={listId}
        readOnly={readOnly}
        data-testid={testId}
        onChange={(e) => {
          setText(e.target.value);
          const items = e.target.value
            .split(/[\s,]+/)
            .map((s) => s.trim())
            .filter(Boolean);
          onChange(items.length > 0 ? items : undefined);
        }}
      />
      <datalist id={listId}>
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
    </>
  );
}
