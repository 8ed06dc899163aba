/**
 * The layout as React Flow nodes and edges. Node data carries only the entry id: each node
 * component reads its entry, issues and live state from the canvas store, so editing a field
 * re-renders one node and never rebuilds this list.
 *
 * Sizes are fixed (`NODE_SIZE`) and given to React Flow, so nodes never wait to be measured.
 * Nodes are not dragged (the layout places them); edges go from a supervisor's bottom handle
 * to a child's top handle, and only their supervisor end can be dragged to another supervisor
 * (re-parenting) — dragging the child end would have no meaning in a tree.
 */
import type { Edge, Node } from "@xyflow/react";
import type { TreeLayout } from "@/lib/supervision/layout";
import type { TreeNodeKind } from "@/lib/supervision/terms";

export interface TreeNodeData extends Record<string, unknown> {
  id: string;
}

export type RootFlowNode = Node<TreeNodeData, "root">;
export type SupervisorFlowNode = Node<TreeNodeData, "supervisor">;
export type ServiceFlowNode = Node<TreeNodeData, "service">;
export type TreeFlowNode = Node<TreeNodeData, TreeNodeKind>;

export function toFlowNodes(layout: TreeLayout | null, selected: string | null): TreeFlowNode[] {
  if (!layout) return [];
  const nodes: TreeFlowNode[] = [];
  for (const { id, kind } of layout.nodes) {
    const box = layout.boxes.get(id);
    if (!box) continue;
    nodes.push({
      id,
      type: kind,
      position: { x: box.x, y: box.y },
      width: box.width,
      height: box.height,
      data: { id },
      selected: id === selected,
      draggable: false,
      // Deleting goes through the confirmation dialog, never React Flow's own delete key.
      deletable: false,
    });
  }
  return nodes;
}

export function toFlowEdges(layout: TreeLayout | null, editable: boolean): Edge[] {
  if (!layout) return [];
  return layout.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    type: "smoothstep",
    reconnectable: editable ? "source" : false,
    deletable: false,
  }));
}
