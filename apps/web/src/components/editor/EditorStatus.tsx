"use client";
/** The overlay an editor shows while Monaco loads, or when it could not. */
import type { MonacoState } from "@/lib/monaco";

export function EditorStatus({ state }: { state: MonacoState }) {
  if (state.status === "ready") return null;
  if (state.status === "loading") return <div className="editor-overlay">Loading editor…</div>;
  return (
    <div className="editor-overlay editor-overlay-error" role="alert">
      The editor could not load: {state.error.message}
    </div>
  );
}
