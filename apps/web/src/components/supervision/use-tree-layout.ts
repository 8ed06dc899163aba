"use client";
/**
 * The layout of the tree on the canvas, recomputed only when its shape changes (a node
 * added, moved or deleted — not a field edit). While a new layout is computed the previous one
 * stays on screen; a layout that finishes after a newer shape was asked for is dropped.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { layoutTree, shapeOf, type TreeLayout } from "@/lib/supervision/layout";
import { measureLayout } from "./render-timing";
import { useCanvas } from "./use-canvas";

export interface LayoutState {
  layout: TreeLayout | null;
  error: string | null;
}

export function useTreeLayout(): LayoutState {
  const model = useCanvas((s) => s.model);
  const shape = useMemo(() => shapeOf(model), [model]);
  const [state, setState] = useState<LayoutState>({ layout: null, error: null });
  const latest = useRef("");
  // The shape object is new on every edit; its key changes only with the structure.
  const key = shape.key;
  const current = useRef(shape);
  current.current = shape;

  useEffect(() => {
    latest.current = key;
    const asked = current.current;
    layoutTree(asked).then(
      (layout) => {
        if (latest.current !== key) return;
        measureLayout(layout.nodes.length);
        setState({ layout, error: null });
      },
      (error: unknown) => {
        if (latest.current !== key) return;
        setState((s) => ({ layout: s.layout, error: error instanceof Error ? error.message : String(error) }));
      },
    );
  }, [key]);

  return state;
}
