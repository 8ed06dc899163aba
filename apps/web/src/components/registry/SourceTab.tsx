"use client";
/**
 * The Lua source in Monaco. While typing, the source is checked by the server's dialect loader
 * (registry.checkLua, debounced) and its syntax errors are drawn as markers.
 */
import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { CodeEditor } from "@/components/editor/CodeEditor";
import { sourceOf, useEntryDraft } from "@/lib/entry-draft-store";
import { useDebouncedValue } from "@/lib/hooks/use-debounced-value";
import { LUA_LANGUAGE_ID } from "@/lib/monaco";
import { useTRPC } from "@/lib/trpc";
import { SyntaxSummary } from "./SyntaxSummary";

export const CHECK_DEBOUNCE_MS = 350;

export function SourceTab({ readOnly, onSave }: { readOnly: boolean; onSave: () => void }) {
  const trpc = useTRPC();
  const id = useEntryDraft((s) => s.id);
  const revision = useEntryDraft((s) => s.revision);
  const source = useEntryDraft((s) => sourceOf(s.draft)) ?? "";
  const setSource = useEntryDraft((s) => s.setSource);
  const diagnostics = useEntryDraft((s) => s.diagnostics);
  const checkedSource = useEntryDraft((s) => s.checkedSource);
  const setDiagnostics = useEntryDraft((s) => s.setDiagnostics);
  const { mutateAsync: checkSource } = useMutation(trpc.registry.checkLua.mutationOptions());
  const debounced = useDebouncedValue(source, CHECK_DEBOUNCE_MS);
  const latest = useRef(0);

  // `checkedSource` is a dependency: a load (after a save, a reload, a discard) clears it while
  // the text stays the same, and the unchanged text must be checked again.
  useEffect(() => {
    if (!id || debounced === checkedSource) return;
    const ticket = ++latest.current;
    checkSource({ source: debounced, id }).then(
      (result) => ticket === latest.current && setDiagnostics(debounced, result.diagnostics),
      // A failed check shows no markers; save checks again and reports the failure.
      () => undefined,
    );
  }, [debounced, checkedSource, id, checkSource, setDiagnostics]);

  const current = checkedSource === source ? diagnostics : [];
  return (
    <div className="stack" style={{ gap: 8, paddingTop: 4 }}>
      <CodeEditor
        value={source}
        language={LUA_LANGUAGE_ID}
        onChange={setSource}
        onSave={onSave}
        readOnly={readOnly}
        diagnostics={current}
        syncKey={revision}
        height="min(62vh, 640px)"
        ariaLabel="Lua source"
        testId="source-editor"
      />
      <SyntaxSummary diagnostics={current} checking={checkedSource !== source} />
    </div>
  );
}
