/**
 * Automatic layout of the tree, top-down: supervisors above their children, siblings left to
 * right in start order — a tidy tree (Reingold–Tilford, d3-hierarchy), which is linear in the
 * number of nodes: a 500-node tree is laid out in milliseconds. (A general graph layout such as
 * ELK's layered algorithm took seconds on the main thread for the same tree; the supervision
 * tree is a tree by construction, so a tree algorithm fits it exactly.)
 *
 * Terms:
 * - `LayoutShape`: what the layout depends on — the nodes with their kinds and the parent →
 *   child edges — and its `key`. Field edits do not change the shape, so they never move boxes.
 * - Node order: breadth-first from the root with siblings in start order, then the nodes the
 *   root does not reach (id order). Siblings keep this order. Edges are drawn only from the
 *   root or a supervisor entry (a child under a missing supervisor has none; a cycle shows its
 *   edges).
 * - Depth: a node's row (its parent's plus one; a node whose parent is missing, or that closes
 *   a cycle, starts at depth 1, under the root). The layout tree follows the depths, so a
 *   node drawn in a cycle or without its supervisor hangs under the root.
 * Boxes have fixed sizes (`NODE_SIZE`), shared with the node components' CSS.
 *
 * In: a model. Out: a box per node. For the 500-node figure see
 * e2e/specs/supervision-render.spec.ts.
 */
import { stratify, tree } from "d3-hierarchy";
import { indexTree, nodeKindOf, parentOf, type TreeModel } from "./model";
import { ROOT_ID, type TreeNodeKind } from "./terms";

export const NODE_SIZE: Readonly<Record<TreeNodeKind, { readonly width: number; readonly height: number }>> = {
  root: { width: 200, height: 56 },
  supervisor: { width: 240, height: 112 },
  service: { width: 240, height: 112 },
};

/** Space between sibling boxes, and between rows. */
export const LAYOUT_GAP = Object.freeze({ x: 28, y: 56 });

export interface LayoutEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
}

export interface LayoutShape {
  readonly nodes: readonly { readonly id: string; readonly kind: TreeNodeKind; readonly depth: number }[];
  readonly edges: readonly LayoutEdge[];
  readonly key: string;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface TreeLayout {
  readonly key: string;
  readonly nodes: LayoutShape["nodes"];
  readonly boxes: ReadonlyMap<string, Box>;
  readonly edges: readonly LayoutEdge[];
}

export const edgeIdOf = (child: string): string => `edge:${child}`;

export function shapeOf(model: TreeModel): LayoutShape {
  const index = indexTree(model);
  const order: string[] = [ROOT_ID];
  for (let i = 0; i < order.length; i++) {
    const id = order[i] as string;
    if (id === ROOT_ID || nodeKindOf(model, id) === "supervisor") order.push(...(index.children.get(id) ?? []));
  }
  order.push(...index.detached);
  const depth = depthsOf(model);
  const nodes = order.map((id) => ({ id, kind: nodeKindOf(model, id) ?? "service", depth: depth(id) }));
  const edges: LayoutEdge[] = [];
  for (const { id } of nodes) {
    const entry = model.entries.get(id);
    if (!entry) continue;
    const parent = parentOf(entry);
    const from = nodeKindOf(model, parent);
    if (from === "root" || from === "supervisor") edges.push({ id: edgeIdOf(id), source: parent, target: id });
  }
  const key = JSON.stringify([nodes.map((n) => `${n.kind[0]}${n.depth}:${n.id}`), edges.map((e) => `${e.source}>${e.target}`)]);
  return { nodes, edges, key };
}

/** Depth per node: the root 0, a child its parent's plus one; see the module's contract. */
function depthsOf(model: TreeModel): (id: string) => number {
  const depth = new Map<string, number>([[ROOT_ID, 0]]);
  const visit = (id: string, path: Set<string>): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    const entry = model.entries.get(id);
    const parent = entry ? parentOf(entry) : ROOT_ID;
    const placed = parent === ROOT_ID || nodeKindOf(model, parent) === "supervisor";
    path.add(id);
    const d = !placed || path.has(parent) ? 1 : visit(parent, path) + 1;
    depth.set(id, d);
    return d;
  };
  return (id) => visit(id, new Set());
}

const CELL_WIDTH = Math.max(...Object.values(NODE_SIZE).map((size) => size.width)) + LAYOUT_GAP.x;
const ROW_HEIGHT = Math.max(...Object.values(NODE_SIZE).map((size) => size.height)) + LAYOUT_GAP.y;

/** The parent a node hangs from in the layout: its drawn parent one row up, else the root. */
function layoutParents(shape: LayoutShape): Map<string, string> {
  const depth = new Map(shape.nodes.map((n) => [n.id, n.depth]));
  const parent = new Map<string, string>();
  for (const edge of shape.edges) {
    if ((depth.get(edge.source) ?? -1) === (depth.get(edge.target) ?? 0) - 1) parent.set(edge.target, edge.source);
  }
  return parent;
}

/** Async for its callers' sake (a layout may move off the main thread); it runs synchronously now. */
export async function layoutTree(shape: LayoutShape): Promise<TreeLayout> {
  const parents = layoutParents(shape);
  const root = stratify<LayoutShape["nodes"][number]>()
    .id((n) => n.id)
    .parentId((n) => (n.id === ROOT_ID ? null : (parents.get(n.id) ?? ROOT_ID)))([...shape.nodes]);
  // Cousins a little further apart than siblings, so families read as groups.
  const laid = tree<LayoutShape["nodes"][number]>()
    .nodeSize([CELL_WIDTH, ROW_HEIGHT])
    .separation((a, b) => (a.parent === b.parent ? 1 : 1.25))(root);
  const boxes = new Map<string, Box>();
  for (const node of laid.descendants()) {
    const size = NODE_SIZE[node.data.kind];
    boxes.set(node.data.id, { x: node.x - size.width / 2, y: node.depth * ROW_HEIGHT, ...size });
  }
  return { key: shape.key, nodes: shape.nodes, boxes, edges: shape.edges };
}
