"use client";
/**
 * The entry page's editing state (one entry at a time), in a zustand store so the tabs, the
 * save bar, Ctrl+S and the conflict panel share it without threading callbacks.
 *
 * Terms:
 * - `saved`: the entry as last read, at registry version `baseVersion` (sent back on save so a
 *   stale save is refused as a conflict instead of overwriting someone's change).
 * - `draft`: the entry being edited in the Form and Source tabs.
 * - `yaml`: the YAML tab's text. Edits happen in one mode at a time: while the YAML text differs
 *   from the saved YAML, the Form and Source tabs are read-only, and the other way round —
 *   so no edit is ever silently dropped by switching tabs.
 * - `diagnostics`: the last syntax check of `checkedSource` (registry.checkLua).
 * - `conflict`: the three sides of a refused stale save, shown by the conflict panel.
 */
import { create } from "zustand";
import type { ConflictProblem } from "@wippy/api";
import { canonicalJson, type Entry, type JsonObject } from "@wippy/shared";
import type { SourceDiagnostic } from "@/lib/monaco";

export type EditMode = "fields" | "yaml";

interface EntryDraftState {
  id: string | null;
  saved: Entry | null;
  savedYaml: string;
  baseVersion: number;
  draft: Entry | null;
  yaml: string;
  diagnostics: SourceDiagnostic[];
  checkedSource: string | null;
  yamlDiagnostics: SourceDiagnostic[];
  conflict: ConflictProblem | null;
  /** The save message being typed. */
  message: string;
  /** Bumped on load and discard: inputs that keep their own text are keyed by it. */
  revision: number;
  load: (entry: Entry, yaml: string, version: number) => void;
  setData: (data: JsonObject) => void;
  setMeta: (meta: JsonObject) => void;
  setSource: (source: string) => void;
  setYaml: (yaml: string) => void;
  setDiagnostics: (source: string, diagnostics: SourceDiagnostic[]) => void;
  setYamlDiagnostics: (diagnostics: SourceDiagnostic[]) => void;
  setConflict: (conflict: ConflictProblem | null) => void;
  setMessage: (message: string) => void;
  discard: () => void;
}

export const useEntryDraft = create<EntryDraftState>()((set) => ({
  id: null,
  saved: null,
  savedYaml: "",
  baseVersion: 0,
  draft: null,
  yaml: "",
  diagnostics: [],
  checkedSource: null,
  yamlDiagnostics: [],
  conflict: null,
  revision: 0,
  message: "",
  load: (entry, yaml, version) =>
    set((s) => ({ revision: s.revision + 1, message: "", id: entry.id, saved: entry, savedYaml: yaml, baseVersion: version, draft: entry, yaml, diagnostics: [], checkedSource: null, yamlDiagnostics: [], conflict: null })),
  setData: (data) => set((s) => (s.draft ? { draft: { ...s.draft, data } } : {})),
  setMeta: (meta) => set((s) => (s.draft ? { draft: { ...s.draft, meta } } : {})),
  setSource: (source) => set((s) => (s.draft ? { draft: { ...s.draft, data: { ...s.draft.data, source } } } : {})),
  setYaml: (yaml) => set({ yaml, yamlDiagnostics: [] }),
  setDiagnostics: (checkedSource, diagnostics) => set({ checkedSource, diagnostics }),
  setYamlDiagnostics: (yamlDiagnostics) => set({ yamlDiagnostics }),
  setConflict: (conflict) => set({ conflict }),
  setMessage: (message) => set({ message }),
  discard: () => set((s) => ({ revision: s.revision + 1, draft: s.saved, yaml: s.savedYaml, diagnostics: [], checkedSource: null, yamlDiagnostics: [], conflict: null })),
}));

export function sourceOf(entry: Entry | null): string | null {
  const source = entry?.data.source;
  return typeof source === "string" ? source : null;
}

/** Which mode holds unsaved edits (null when none). */
export function dirtyMode(state: Pick<EntryDraftState, "saved" | "draft" | "yaml" | "savedYaml">): EditMode | null {
  if (state.yaml !== state.savedYaml) return "yaml";
  if (state.saved && state.draft && canonicalJson(state.saved) !== canonicalJson(state.draft)) return "fields";
  return null;
}
