"use client";
/**
 * Monaco's diff editor (through the facade): `original` on the left, `modified` on the right.
 * With `onChangeModified` the right side is editable (the merge editor): `modified` is then its
 * initial text only, never re-applied (that would race the keyboard); otherwise both sides are
 * read-only and follow their props. Narrow screens get the inline view.
 */
import { useEffect, useRef, useState } from "react";
import type * as Monaco from "monaco-editor";
import { useMonaco, WIPPY_THEME } from "@/lib/monaco";
import { EditorStatus } from "./EditorStatus";

/** Long enough for a diff in flight in Monaco's worker to come back (they take milliseconds). */
const MODEL_DISPOSE_DELAY_MS = 2_000;

interface DiffEditorProps {
  original: string;
  modified: string;
  language: string;
  onChangeModified?: (value: string) => void;
  height?: number | string;
  testId?: string;
}

export function DiffEditor({ original, modified, language, onChangeModified, height = 420, testId = "diff-editor" }: DiffEditorProps) {
  const state = useMonaco();
  const host = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<Monaco.editor.IStandaloneDiffEditor | null>(null);
  const onChange = useRef(onChangeModified);
  onChange.current = onChangeModified;
  const initialModified = useRef(modified);
  const editable = onChangeModified !== undefined;

  useEffect(() => {
    if (state.status !== "ready" || !host.current) return;
    const { monaco } = state;
    const instance = monaco.editor.createDiffEditor(host.current, {
      theme: WIPPY_THEME,
      automaticLayout: true,
      readOnly: !editable,
      originalEditable: false,
      renderSideBySide: true,
      useInlineViewWhenSpaceIsLimited: true,
      minimap: { enabled: false },
      fontSize: 13,
      scrollBeyondLastLine: false,
      renderOverviewRuler: false,
      // Reading a change: fold what did not change. Merging: show everything.
      hideUnchangedRegions: { enabled: !editable, contextLineCount: 3, minimumLineCount: 4 },
    });
    const originalModel = monaco.editor.createModel("", language);
    const modifiedModel = monaco.editor.createModel(initialModified.current, language);
    instance.setModel({ original: originalModel, modified: modifiedModel });
    const subscription = modifiedModel.onDidChangeContent(() => onChange.current?.(modifiedModel.getValue()));
    setEditor(instance);
    return () => {
      subscription.dispose();
      instance.dispose();
      // A diff may still be computing in Monaco's worker: disposing its models now makes the
      // worker answer nothing, which Monaco reports as an unhandled "no diff result available".
      // The editor is gone (its diff is cancelled); the models go once the worker is done.
      setTimeout(() => {
        originalModel.dispose();
        modifiedModel.dispose();
      }, MODEL_DISPOSE_DELAY_MS);
      setEditor(null);
    };
  }, [state, language, editable]);

  useEffect(() => {
    const model = editor?.getModel();
    if (model && model.original.getValue() !== original) model.original.setValue(original);
  }, [editor, original]);

  useEffect(() => {
    const model = editor?.getModel();
    if (!editable && model && model.modified.getValue() !== modified) model.modified.setValue(modified);
  }, [editor, modified, editable]);

  return (
    <div className="editor-frame" style={{ height }} data-testid={testId} data-ready={editor ? "true" : "false"}>
      <div ref={host} className="editor-host" />
      <EditorStatus state={state} />
    </div>
  );
}
