"use client";
/**
 * The page's canvas store (one per browser tab) and the hooks components read it with.
 *
 * The store lives at module level, not in a component, so an unsaved drawing survives moving to
 * another page of the console and back (say, to edit a process's Lua). It is reset when a
 * different user signs in in the same tab (`claimCanvas`).
 */
import { useStore } from "zustand";
import { createCanvasStore, type CanvasState } from "@/lib/supervision/canvas-store";
import { diffTrees } from "@/lib/supervision/changeset";

export const canvasStore = createCanvasStore();

let owner: string | null = null;

export function useCanvas<T>(selector: (state: CanvasState) => T): T {
  return useStore(canvasStore, selector);
}

/** Whether the drawing differs from the tree as loaded (edits that cancel out do not count). */
export function isDirty(state: CanvasState): boolean {
  return state.model !== state.base && diffTrees(state.base, state.model).length > 0;
}

/** Makes `userId` the owner of the drawing; a drawing left by someone else is dropped (true). */
export function claimCanvas(userId: string): boolean {
  if (owner === userId) return false;
  const hadOther = owner !== null;
  owner = userId;
  return hadOther;
}
