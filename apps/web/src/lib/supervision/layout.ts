/**
 * Automatic layout of the tree with ELK's layered algorithm (elkjs), top-down: supervisors
 * above their children, siblings left to right in start order.
 *
 * Terms:
 * - `LayoutShape`: what the layout depends on — the nodes with their kinds and the parent →
 *   child edges — and its `key`. Field edits do not change the shape, so they never move boxes.
 * - Node order: breadth-first from the root with siblings in start order, then the nodes the
 *   root does not reach (id order). ELK keeps this order inside each layer because crossing
 *   minimisation is off: in a tree laid out breadth-first nothing crosses anyway, and ELK's
 *   sweeps would shuffle siblings out of start order. Edges are drawn only from the root or a
 *   supervisor entry (a child under a missing supervisor has none; a cycle shows its edges).
 * - Depth: a node's layer is known before ELK runs (its parent's plus one; a node whose
 *   parent is missing, or that closes a cycle, starts at depth 1). It is handed to ELK as the
 *   node's position with "interactive" layering and cycle breaking, which is what makes ELK fast
 *   on a tree: its default layering and placement (network simplex) take seconds on 500 nodes.
 * - Placement inside a layer: Brandes–Köpf.
 * Boxes have fixed sizes (`NODE_SIZE`), shared with the node components' CSS.
 *
 * In: a model. Out: a box per node. ELK runs on the main thread (its bundled build); for the
 * 500-node figure see e2e/specs/supervision-render.spec.ts.
 */
import ELK, { type ElkNode } from "elkjs/lib/elk.bundled.js";
import { indexTree, nodeKindOf, parentOf, type TreeModel } from "./model";
import { ROOT_ID, type TreeNodeKind } from "./terms";

export const NODE_SIZE: Readonly<Record<TreeNodeKind, { readonly width: number; readonly height: number }>> = {
  root: { width: 200, height: 56 },
  supervisor: { width: 240, height: 112 },
  service: { width: 240, height: 112 },
};

export const LAYOUT_OPTIONS: Readonly<Record<string, string>> = {
  "elk.algorithm": "layered",
  "elk.direction": "DOWN",
  "elk.layered.layering.strategy": "INTERACTIVE",
  "elk.layered.cycleBreaking.strategy": "INTERACTIVE",
  "elk.layered.crossingMinimization.strategy": "NONE",
  "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
  "elk.layered.thoroughness": "1",
  "elk.spacing.nodeNode": "28",
  "elk.layered.spacing.nodeNodeBetweenLayers": "56",
  // React Flow draws the edges itself: ELK need not keep room for its own routes.
  "elk.layered.spacing.edgeNodeBetweenLayers": "0",
  "elk.layered.spacing.edgeEdgeBetweenLayers": "0",
};

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

/** Vertical distance between depths in the positions handed to ELK (any value above a box's height). */
const LAYER_HINT = 1000;

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

let elk: InstanceType<typeof ELK> | null = null;
let warm: Promise<unknown> | null = null;

/**
 * Lays out a two-node graph once, so ELK's code is parsed and compiled while the tree is still
 * on its way from the API (the first layout otherwise pays for it: about a second at 500 nodes).
 */
export function warmUpLayout(): Promise<unknown> {
  warm ??= layoutTree({ nodes: [{ id: ROOT_ID, kind: "root", depth: 0 }, { id: "warm:up", kind: "service", depth: 1 }], edges: [{ id: "warm", source: ROOT_ID, target: "warm:up" }], key: "" });
  return warm;
}

export async function layoutTree(shape: LayoutShape): Promise<TreeLayout> {
  elk ??= new ELK();
  const graph: ElkNode = {
    id: "supervision",
    layoutOptions: { ...LAYOUT_OPTIONS },
    // Interactive layering reads each node's layer from its position: y by depth, x by order.
    children: shape.nodes.map((n, i) => ({ id: n.id, x: i, y: n.depth * LAYER_HINT, ...NODE_SIZE[n.kind] })),
    edges: shape.edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
  const laid = await elk.layout(graph);
  const boxes = new Map<string, Box>();
  for (const child of laid.children ?? []) {
    boxes.set(child.id, { x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? 0, height: child.height ?? 0 });
  }
  return { key: shape.key, nodes: shape.nodes, boxes, edges: shape.edges };
}
