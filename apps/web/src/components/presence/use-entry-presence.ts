"use client";
/**
 * Presence on a registry entry's page: the tab counts as editing while the entry draft holds
 * unsaved edits (typing in the Source, Form or YAML tab makes it so; saving or discarding
 * ends it), debounced by usePresence.
 */
import { entryTarget } from "@wippy/shared";
import { dirtyMode, useEntryDraft } from "@/lib/entry-draft-store";
import { usePresence, type Presence } from "./use-presence";

export function useEntryPresence(id: string): Presence {
  const editing = useEntryDraft((s) => s.id === id && dirtyMode(s) !== null);
  return usePresence(entryTarget(id), editing);
}
