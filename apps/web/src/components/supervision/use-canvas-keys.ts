"use client";
/**
 * The canvas's keyboard: Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z (or Ctrl+Y) redo, Delete/Backspace
 * asks to delete the selected node, Ctrl/Cmd+S opens the save preview, Escape clears the
 * selection. Keys typed into a field (or a dialog) belong to it: Ctrl+Z in a text box undoes
 * the text box.
 */
import { useEffect, useRef } from "react";
import { ROOT_ID } from "@/lib/supervision/terms";
import { canvasStore } from "./use-canvas";

export interface CanvasKeyActions {
  enabled: boolean;
  editable: boolean;
  onDelete: (id: string) => void;
  onSave: () => void;
}

export function useCanvasKeys(actions: CanvasKeyActions): void {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const { enabled, editable, onDelete, onSave } = latest.current;
      if (!enabled || event.defaultPrevented || isTyping(event.target)) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const store = canvasStore.getState();
      if (mod && key === "s") {
        event.preventDefault();
        if (editable) onSave();
      } else if (!editable) {
        if (key === "escape") store.select(null);
      } else if (mod && ((key === "z" && event.shiftKey) || key === "y")) {
        event.preventDefault();
        store.redo();
      } else if (mod && key === "z") {
        event.preventDefault();
        store.undo();
      } else if ((key === "delete" || key === "backspace") && store.selected && store.selected !== ROOT_ID) {
        event.preventDefault();
        onDelete(store.selected);
      } else if (key === "escape") {
        store.select(null);
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) || target.closest('[role="dialog"]') !== null;
}
