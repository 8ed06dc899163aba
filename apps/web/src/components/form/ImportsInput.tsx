"use client";
/** `imports`: one `alias = namespace:library` per line. Keeps its own text while typing. */
import { useState } from "react";
import type { JsonObject, JsonValue } from "@wippy/shared";

interface ImportsInputProps {
  value: JsonValue | undefined;
  onChange: (value: JsonValue | undefined) => void;
  readOnly: boolean;
  suggestions: readonly string[];
  testId: string;
}

function toText(value: JsonValue | undefined): string {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return "";
  return Object.entries(value)
    .map(([alias, id]) => `${alias} = ${String(id)}`)
    .join("\n");
}

function parse(text: string): { value: JsonObject; bad: string[] } {
  const value: JsonObject = {};
  const bad: string[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const match = /^\s*([A-Za-z_][\w]*)\s*=\s*(\S+)\s*$/.exec(line);
    if (match?.[1] && match[2]) value[match[1]] = match[2];
    else bad.push(line.trim());
  }
  return { value, bad };
}

export function ImportsInput({ value, onChange, readOnly, suggestions, testId }: ImportsInputProps) {
  const [text, setText] = useState(() => toText(value));
  const { bad } = parse(text);
  return (
    <>
      <textarea
        rows={Math.max(2, text.split("\n").length)}
        value={text}
        readOnly={readOnly}
        placeholder={`alias = ${suggestions[0] ?? "app.lib:util"}`}
        data-testid={testId}
        onChange={(e) => {
          setText(e.target.value);
          const parsed = parse(e.target.value);
          onChange(Object.keys(parsed.value).length > 0 ? parsed.value : undefined);
        }}
      />
      {bad.length > 0 ? <span className="field-error">Not understood (write alias = namespace:name): {bad.join("; ")}</span> : null}
    </>
  );
}
