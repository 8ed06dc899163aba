"use client";
/**
 * The React Flow canvas: the laid-out tree with pan/zoom, a minimap and controls (zoom, fit
 * view), fitted to the view when a tree is loaded.
 *
 * Gestures become `TreeChange`s in the store — nothing here edits the model directly:
 * - drag from a supervisor's (or the root's) bottom handle to a node's top handle → `setParent`;
 * - drag the supervisor end of an edge to another supervisor → `setParent` (re-parent);
 * - click (or Tab + Enter) a node → selection, which the side panel edits; a selected node out
 *   of view is brought into it.
 * Editors only: for viewers nothing connects or reconnects.
 */
import "@xyflow/react/dist/style.css";
import { Background, Controls, MiniMap, ReactFlow, useReactFlow, type Connection, type Edge, type NodeChange, type NodeTypes } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef } from "react";
import { Loading } from "@/components/ui/Loading";
import { ROOT_ID } from "@/lib/supervision/terms";
import { toFlowEdges, toFlowNodes, type TreeFlowNode } from "./flow-elements";
import { measureRender } from "./render-timing";
import { RootNode } from "./RootNode";
import { ServiceNode } from "./ServiceNode";
import styles from "./supervision.module.css";
import { SupervisorNode } from "./SupervisorNode";
import { canvasStore, useCanvas } from "./use-canvas";
import { useTreeLayout } from "./use-tree-layout";

const NODE_TYPES: NodeTypes = { root: RootNode, supervisor: SupervisorNode, service: ServiceNode };

const FIT_VIEW = { padding: 0.12, maxZoom: 1 };

const MINIMAP_COLORS: Record<string, string> = { root: "#b8c2d1", supervisor: "#2350c8", service: "#0b7a3e" };

export function SupervisionCanvas({ editable }: { editable: boolean }) {
  const { layout, error } = useTreeLayout();
  const selected = useCanvas((s) => s.selected);
  const nodes = useMemo(() => toFlowNodes(layout, selected), [layout, selected]);
  const edges = useMemo(() => toFlowEdges(layout, editable), [layout, editable]);
  const flow = useReactFlow();
  const fitted = useRef(false);

  // Fit the first layout to the view; after that the viewport is the user's (Controls has "fit view").
  useEffect(() => {
    if (!layout) return;
    measureRender(layout.nodes.length);
    if (fitted.current) return;
    fitted.current = true;
    requestAnimationFrame(() => void flow.fitView(FIT_VIEW));
  }, [layout, flow]);

  // Bring the selected node into view (a node just added from the palette, a problem clicked in the list).
  const frame = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const box = selected ? layout?.boxes.get(selected) : undefined;
    const el = frame.current;
    if (!box || !el) return;
    const { x, y, zoom } = flow.getViewport();
    const left = box.x * zoom + x;
    const top = box.y * zoom + y;
    if (left >= 0 && top >= 0 && left + box.width * zoom <= el.clientWidth && top + box.height * zoom <= el.clientHeight) return;
    void flow.setCenter(box.x + box.width / 2, box.y + box.height / 2, { zoom, duration: 150 });
  }, [layout, selected, flow]);

  const onNodesChange = useCallback((changes: NodeChange<TreeFlowNode>[]) => {
    const picked = changes.find((c) => c.type === "select" && c.selected);
    if (picked && picked.type === "select") canvasStore.getState().select(picked.id);
  }, []);
  const onConnect = useCallback((c: Connection) => void canvasStore.getState().apply({ type: "setParent", id: c.target, parent: c.source }), []);
  const onReconnect = useCallback((old: Edge, c: Connection) => {
    // Only the supervisor end of an edge can be dragged (flow-elements.ts): the child stays.
    if (c.target === old.target) void canvasStore.getState().apply({ type: "setParent", id: c.target, parent: c.source });
  }, []);
  const isValidConnection = useCallback((c: Connection | Edge) => c.source !== c.target && c.target !== ROOT_ID, []);
  const onPaneClick = useCallback(() => canvasStore.getState().select(null), []);

  return (
    <div ref={frame} className={`card ${styles.canvas}`} data-testid="supervision-canvas" data-nodes={nodes.length} data-edges={edges.length} data-laid-out={layout ? "true" : "false"}>
      {!layout && !error ? (
        <div className={styles.canvasOverlay}>
          <Loading label="Laying out the tree…" testId="layout-loading" />
        </div>
      ) : null}
      {error ? (
        <div className={styles.canvasOverlay}>
          <div className="notice error" role="alert" data-testid="layout-error">
            The tree could not be laid out: {error}
          </div>
        </div>
      ) : null}
      <ReactFlow<TreeFlowNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onConnect={editable ? onConnect : undefined}
        onReconnect={editable ? onReconnect : undefined}
        onPaneClick={onPaneClick}
        isValidConnection={isValidConnection}
        nodesDraggable={false}
        nodesConnectable={editable}
        edgesReconnectable={editable}
        deleteKeyCode={null}
        minZoom={0.02}
        maxZoom={1.5}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} />
        <MiniMap pannable zoomable nodeColor={(n) => MINIMAP_COLORS[n.type ?? ""] ?? "#b8c2d1"} ariaLabel="Minimap of the supervision tree" />
        <Controls showInteractive={false} fitViewOptions={FIT_VIEW} />
      </ReactFlow>
    </div>
  );
}
