"use client";
/**
 * A Monaco code editor (through the facade). `value` is the initial text and `onChange` reports
 * every edit. The text is replaced from `value` only when `syncKey` changes (a reload or a
 * discard) or while the editor is read-only: re-applying every rendered `value` would race the
 * keyboard (a render still carrying the text of two keystrokes ago would undo the last one).
 * External replacements are pushed onto the model's own edit stack, so undo keeps working —
 * and they land while the editor is read-only too, where `editor.executeEdits` is ignored. `diagnostics` become
 * error markers; Ctrl/Cmd+S inside the editor calls `onSave`.
 */
import { useEffect, useRef, useState } from "react";
import type * as Monaco from "monaco-editor";
import { setSyntaxMarkers, useMonaco, WIPPY_THEME, type SourceDiagnostic } from "@/lib/monaco";
import { EditorStatus } from "./EditorStatus";

interface CodeEditorProps {
  value: string;
  language: string;
  onChange?: (value: string) => void;
  onSave?: () => void;
  readOnly?: boolean;
  diagnostics?: readonly SourceDiagnostic[];
  /** Change it to replace the text with `value` (e.g. the draft store's revision). */
  syncKey?: unknown;
  height?: number | string;
  ariaLabel: string;
  testId?: string;
}

export function CodeEditor({ value, language, onChange, onSave, readOnly = false, diagnostics, syncKey, height = 480, ariaLabel, testId = "code-editor" }: CodeEditorProps) {
  const state = useMonaco();
  const host = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const callbacks = useRef({ onChange, onSave });
  callbacks.current = { onChange, onSave };
  const latestValue = useRef(value);
  latestValue.current = value;

  useEffect(() => {
    if (state.status !== "ready" || !host.current) return;
    const { monaco } = state;
    const instance = monaco.editor.create(host.current, {
      value: latestValue.current,
      language,
      theme: WIPPY_THEME,
      readOnly,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      scrollBeyondLastLine: false,
      tabSize: 2,
      ariaLabel,
      fixedOverflowWidgets: true,
    });
    const subscription = instance.onDidChangeModelContent(() => callbacks.current.onChange?.(instance.getValue()));
    instance.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => callbacks.current.onSave?.());
    setEditor(instance);
    return () => {
      subscription.dispose();
      instance.getModel()?.dispose();
      instance.dispose();
      setEditor(null);
    };
    // Made once per language: value, readOnly and markers are synced by the effects below.
  }, [state, language, ariaLabel]);

  const followValue = readOnly ? value : null;
  useEffect(() => {
    const model = editor?.getModel();
    const next = latestValue.current;
    if (!editor || !model || model.getValue() === next) return;
    model.pushStackElement();
    model.pushEditOperations([], [{ range: model.getFullModelRange(), text: next }], () => null);
    model.pushStackElement();
  }, [editor, syncKey, followValue]);

  useEffect(() => {
    editor?.updateOptions({ readOnly });
  }, [editor, readOnly]);

  useEffect(() => {
    const model = editor?.getModel();
    if (state.status !== "ready" || !model) return;
    setSyntaxMarkers(state.monaco, model, diagnostics ?? []);
  }, [state, editor, diagnostics]);

  return (
    <div className="editor-frame" style={{ height }} data-testid={testId} data-ready={editor ? "true" : "false"} data-markers={diagnostics?.length ?? 0}>
      <div ref={host} className="editor-host" />
      <EditorStatus state={state} />
    </div>
  );
}
