/**
 * Render timing of the canvas, as User Timing marks and measures the browser keeps (and a
 * spec reads — e2e/specs/supervision-render.spec.ts):
 *
 * - `supervision:data`: a tree arrived from the API and was loaded into the store.
 * - `supervision:layout` (measure): from the data to the tree's layout being ready.
 * - `supervision:render` (measure): from the data to the laid-out nodes painted (one frame after
 *   React Flow committed them).
 *
 * Only the first tree a page shows is timed (a load into an empty canvas); later loads and edits
 * are not.
 */
export const TIMING = { data: "supervision:data", layout: "supervision:layout", render: "supervision:render" } as const;

let pending = false;

export function markTreeData(): void {
  performance.clearMarks(TIMING.data);
  performance.mark(TIMING.data);
  pending = true;
}

export function measureLayout(nodes: number): void {
  if (!pending) return;
  performance.measure(TIMING.layout, { start: TIMING.data, detail: { nodes } });
}

/** Called once the nodes are committed: measures at the next frame, when they are painted. */
export function measureRender(nodes: number): void {
  if (!pending) return;
  pending = false;
  requestAnimationFrame(() => performance.measure(TIMING.render, { start: TIMING.data, detail: { nodes } }));
}
