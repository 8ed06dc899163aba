/**
 * The canvas's state in one zustand store (vanilla: no React here; components read it with
 * `useStore`). Node components subscribe to their own slice, so an edit re-renders the node it
 * touches, not the canvas.
 *
 * Terms:
 * - `baseVersion` / `base`: the registry version and tree as loaded; a save sends the
 *   difference from `base` with `baseVersion`, so a stale save is refused, never merged blind.
 * - `log`: the change log (undo/redo); `model` is the tree in effect, `issues` its validation.
 * - `revision`: bumped when the model jumps (load, undo, redo, rebase) — inputs that keep their
 *   own text are keyed by it, so they show the jumped-to value.
 * - `refusal`: why the last attempted change was refused (shown until the next change).
 * - `live`: live states by entry id, filled in by telemetry; empty until then.
 * - `newer`: a registry version whose tree differs from `base` while there are unsaved edits
 *   (they are kept; the user decides when to reload — `rebase` re-applies them).
 *
 * Every edit goes through `apply(change)`; nothing else changes the model.
 */
import { createStore } from "zustand/vanilla";
import { canRedo, canUndo, currentModel, effectiveChanges, record, redo, replay, seal, startLog, undo, type ChangeLog, type Dropped } from "./change-log";
import type { TreeChange } from "./changes";
import { diffTrees } from "./changeset";
import { buildModel, modelFromSnapshot, type TreeModel, type TreeSnapshot } from "./model";
import { NO_LIVE_DATA, ROOT_ID, type LiveMap } from "./terms";
import { validateTree, type TreeIssues } from "./validate";

export interface CanvasState {
  loaded: boolean;
  baseVersion: number;
  base: TreeModel;
  log: ChangeLog;
  model: TreeModel;
  issues: TreeIssues;
  selected: string | null;
  revision: number;
  refusal: string | null;
  live: LiveMap;
  newer: number | null;
  /** Replaces everything with a fresh read of the registry (after a save, or a reload). */
  load: (snapshot: TreeSnapshot) => void;
  /** Records one edit; false (and `refusal` set) when it was refused. */
  apply: (change: TreeChange) => boolean;
  undo: () => void;
  redo: () => void;
  /** Ends coalescing of field edits (the field lost focus). */
  seal: () => void;
  select: (id: string | null) => void;
  setLive: (live: LiveMap) => void;
  /**
   * A fresh read of the registry: loaded when nothing is drawn, taken as the new base version
   * when the tree in it is the same, otherwise kept aside as `newer`.
   */
  refresh: (snapshot: TreeSnapshot) => "loaded" | "advanced" | "kept" | "unchanged";
  /** Loads a newer registry state and re-applies the edits in effect; returns those that no longer apply. */
  rebase: (snapshot: TreeSnapshot) => Dropped[];
}

export type CanvasStore = ReturnType<typeof createCanvasStore>;

const EMPTY = buildModel([]);

export function createCanvasStore() {
  return createStore<CanvasState>()((set, get) => {
    const withLog = (log: ChangeLog, jumped: boolean): Partial<CanvasState> => {
      const model = currentModel(log);
      const selected = get().selected;
      return {
        log,
        model,
        issues: model === get().model ? get().issues : validateTree(model),
        selected: selected === ROOT_ID || (selected !== null && model.entries.has(selected)) ? selected : null,
        refusal: null,
        ...(jumped ? { revision: get().revision + 1 } : {}),
      };
    };
    return {
      loaded: false,
      baseVersion: 0,
      base: EMPTY,
      log: startLog(EMPTY),
      model: EMPTY,
      issues: validateTree(EMPTY),
      selected: null,
      revision: 0,
      refusal: null,
      live: NO_LIVE_DATA,
      newer: null,
      load: (snapshot) => {
        const base = modelFromSnapshot(snapshot);
        set({ loaded: true, baseVersion: snapshot.version, base, newer: null, ...withLog(startLog(base), true) });
      },
      refresh: (snapshot) => {
        const state = get();
        if (state.loaded && snapshot.version === state.baseVersion) return "unchanged";
        const fresh = modelFromSnapshot(snapshot);
        if (state.loaded && sameModel(fresh, state.base)) {
          set({ baseVersion: snapshot.version, newer: null });
          return "advanced";
        }
        if (state.loaded && diffTrees(state.base, state.model).length > 0) {
          set({ newer: snapshot.version });
          return "kept";
        }
        get().load(snapshot);
        return "loaded";
      },
      apply: (change) => {
        const recorded = record(get().log, change);
        if (!recorded.ok) {
          set({ refusal: recorded.error });
          return false;
        }
        set(withLog(recorded.log, false));
        return true;
      },
      undo: () => canUndo(get().log) && set(withLog(undo(get().log), true)),
      redo: () => canRedo(get().log) && set(withLog(redo(get().log), true)),
      seal: () => set({ log: seal(get().log) }),
      select: (selected) => set({ selected }),
      setLive: (live) => set({ live }),
      rebase: (snapshot) => {
        const base = modelFromSnapshot(snapshot);
        const { log, dropped } = replay(base, effectiveChanges(get().log));
        set({ loaded: true, baseVersion: snapshot.version, base, newer: null, ...withLog(log, true) });
        return dropped;
      },
    };
  });
}

function sameModel(a: TreeModel, b: TreeModel): boolean {
  if (a.catalog.size !== b.catalog.size || a.entries.size !== b.entries.size) return false;
  for (const [id, kind] of a.catalog) if (b.catalog.get(id) !== kind) return false;
  return diffTrees(a, b).length === 0;
}
