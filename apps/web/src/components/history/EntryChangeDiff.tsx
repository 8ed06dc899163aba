"use client";
/**
 * What changed in one entry between two states: its Lua source in Monaco's diff editor, and
 * every other field (kind, meta, data) as a structured diff.
 */
import type { Entry, JsonValue } from "@wippy/shared";
import { DiffEditor } from "@/components/editor/DiffEditor";
import { LUA_LANGUAGE_ID } from "@/lib/monaco";
import { DataDiff } from "./DataDiff";

function sourceOf(entry: Entry | null): string | null {
  return typeof entry?.data.source === "string" ? entry.data.source : null;
}

function fieldsOf(entry: Entry | null): JsonValue | undefined {
  if (!entry) return undefined;
  const { source: _source, ...data } = entry.data;
  return { kind: entry.kind, meta: entry.meta, data };
}

function heightFor(...texts: string[]): number {
  const lines = Math.max(...texts.map((t) => t.split("\n").length));
  return Math.min(480, Math.max(120, lines * 19 + 24));
}

export function EntryChangeDiff({ before, after }: { before: Entry | null; after: Entry | null }) {
  const oldSource = sourceOf(before);
  const newSource = sourceOf(after);
  const hasSource = oldSource !== null || newSource !== null;
  const sourceChanged = oldSource !== newSource;
  return (
    <div className="stack" style={{ gap: 8 }} data-testid="entry-change-diff">
      {hasSource && sourceChanged ? (
        <DiffEditor original={oldSource ?? ""} modified={newSource ?? ""} language={LUA_LANGUAGE_ID} height={heightFor(oldSource ?? "", newSource ?? "")} testId="source-diff" />
      ) : null}
      <DataDiff before={fieldsOf(before)} after={fieldsOf(after)} />
      {hasSource && !sourceChanged && JSON.stringify(fieldsOf(before)) === JSON.stringify(fieldsOf(after)) ? <p className="muted small-text">No difference.</p> : null}
    </div>
  );
}
