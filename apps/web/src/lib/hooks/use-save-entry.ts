"use client";
/**
 * Saving the entry being edited as one new registry version, with every refusal made visible:
 *
 * 1. YAML mode: the text is parsed by the server (registry.parseYaml: the runtime's own loader);
 *    errors become markers in the YAML editor and nothing is sent.
 * 2. Lua sources are checked (registry.checkLua) right before saving, whatever the debounced
 *    check last said: a source with syntax errors is never sent.
 * 3. registry.save with the version the entry was read at. A stale base comes back as CONFLICT
 *    with the three sides, which opens the conflict panel; invalid fields come back as
 *    diagnostics.
 *
 * `propose` (issue 9) makes the same checks, then proposes the edit as a change request on the
 * version it was read at (changes.propose) instead of saving it; the editor goes back to the
 * registry's entry, and the request holds the edit until it is approved.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { Entry } from "@wippy/shared";
import { errorMessage } from "@/lib/api-errors";
import { conflictOf, describeDiagnostic, diagnosticsOf } from "@/lib/api-problems";
import { dirtyMode, sourceOf, useEntryDraft } from "@/lib/entry-draft-store";
import { useTRPC } from "@/lib/trpc";

export interface SaveNotice {
  kind: "success" | "error" | "warning" | "info";
  text: string;
  details?: string[];
}

export interface SaveOverride {
  entry: Entry;
  baseVersion: number;
}

export function useSaveEntry() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const checkLua = useMutation(trpc.registry.checkLua.mutationOptions());
  const parseYaml = useMutation(trpc.registry.parseYaml.mutationOptions());
  const save = useMutation(trpc.registry.save.mutationOptions());
  const proposeChange = useMutation(trpc.changes.propose.mutationOptions());
  const [notice, setNotice] = useState<SaveNotice | null>(null);
  const [busy, setBusy] = useState(false);

  // "Saved as version N" describes the text as it was saved: the next edit makes it old news.
  // Refusals stay until the next attempt, so the reason stays in view while it is fixed.
  useEffect(
    () =>
      useEntryDraft.subscribe((state, previous) => {
        if (state.draft !== previous.draft || state.yaml !== previous.yaml) setNotice((n) => (n?.kind === "success" || n?.kind === "info" ? null : n));
      }),
    [],
  );

  const reload = async (id: string) => {
    await queryClient.invalidateQueries(trpc.history.pathFilter());
    await queryClient.invalidateQueries(trpc.registry.list.pathFilter());
    await queryClient.invalidateQueries(trpc.registry.namespaces.pathFilter());
    const fresh = await queryClient.fetchQuery(trpc.registry.get.queryOptions({ id }, { staleTime: 0 }));
    useEntryDraft.getState().load(fresh.entry, fresh.yaml, fresh.version);
  };

  /** The entry to send, or null after telling the user why not. */
  const prepare = async (): Promise<Entry | null> => {
    const state = useEntryDraft.getState();
    const mode = dirtyMode(state);
    if (!mode || !state.draft) {
      setNotice({ kind: "info", text: "Nothing to save: no changes." });
      return null;
    }
    if (mode === "yaml") {
      const parsed = await parseYaml.mutateAsync({ text: state.yaml });
      if (!parsed.ok) {
        state.setYamlDiagnostics(parsed.diagnostics.map((d) => ({ line: d.line ?? 1, column: d.column ?? 1, message: d.message })));
        setNotice({ kind: "error", text: "Save refused: the YAML has errors.", details: parsed.diagnostics.map(describeDiagnostic) });
        return null;
      }
      if (parsed.entry.id !== state.id) {
        setNotice({ kind: "error", text: `Save refused: the YAML describes ${parsed.entry.id}, not ${state.id}. Use Rename to change an id.` });
        return null;
      }
      return parsed.entry;
    }
    const source = sourceOf(state.draft);
    if (source !== null && state.draft.kind.endsWith(".lua")) {
      const { diagnostics } = await checkLua.mutateAsync({ source, id: state.draft.id });
      state.setDiagnostics(source, diagnostics);
      if (diagnostics.length > 0) {
        setNotice({ kind: "error", text: "Save refused: the source has syntax errors.", details: diagnostics.map(describeDiagnostic) });
        return null;
      }
    }
    return state.draft;
  };

  /** Shows why a save or proposal was refused, with markers for errors in the source. */
  const refused = (error: unknown): void => {
    const state = useEntryDraft.getState();
    const diagnostics = diagnosticsOf(error);
    const source = sourceOf(state.draft);
    const inSource = diagnostics.filter((d) => d.path === "data.source" && d.line !== undefined);
    if (source !== null && inSource.length > 0) state.setDiagnostics(source, inSource.map((d) => ({ line: d.line ?? 1, column: d.column ?? 0, message: d.message })));
    setNotice({ kind: "error", text: errorMessage(error), details: diagnostics.map(describeDiagnostic) });
  };

  /** Proposes the edit as a change request; resolves with its id, or null after saying why not. */
  const propose = async (message: string): Promise<number | null> => {
    const state = useEntryDraft.getState();
    if (!state.id) return null;
    setBusy(true);
    setNotice(null);
    try {
      const entry = await prepare();
      if (!entry) return null;
      const { request } = await proposeChange.mutateAsync({ baseVersion: state.baseVersion, ops: [{ op: "update", entry: { ...entry, id: state.id } }], message });
      await queryClient.invalidateQueries(trpc.changes.pathFilter());
      await reload(state.id);
      setNotice({ kind: "success", text: `Proposed as change request #${request.id}: it is applied when approved.` });
      return request.id;
    } catch (error) {
      refused(error);
      return null;
    } finally {
      setBusy(false);
    }
  };

  const run = async (message: string, override?: SaveOverride): Promise<boolean> => {
    const state = useEntryDraft.getState();
    if (!state.id) return false;
    setBusy(true);
    setNotice(null);
    try {
      const entry = override?.entry ?? (await prepare());
      if (!entry) return false;
      const result = await save.mutateAsync({
        id: state.id,
        baseVersion: override?.baseVersion ?? state.baseVersion,
        entry: { kind: entry.kind, meta: entry.meta, data: entry.data },
        message,
      });
      await reload(state.id);
      const warnings = result.warnings.filter((w) => w.severity === "warning").map(describeDiagnostic);
      setNotice(
        result.version === null
          ? { kind: "info", text: "Nothing saved: the entry already looks like this." }
          : { kind: warnings.length > 0 ? "warning" : "success", text: `Saved as version ${result.version}.`, details: warnings },
      );
      return true;
    } catch (error) {
      const conflict = conflictOf(error);
      if (conflict) {
        state.setConflict(conflict);
        setNotice({ kind: "warning", text: errorMessage(error) });
        return false;
      }
      refused(error);
      return false;
    } finally {
      setBusy(false);
    }
  };

  return { save: run, propose, reload, notice, setNotice, busy };
}
