/**
 * The supervision canvas as the specs drive it: nodes by entry id, adding from the palette,
 * dragging between handles and edge ends (React Flow listens to real mouse events, so the
 * gestures are made with the mouse, step by step, as a person would).
 */
import { expect, type Locator, type Page } from "@playwright/test";

export function canvasNode(page: Page, id: string): Locator {
  return page.locator(`[data-testid="supervision-node"][data-node-id="${id}"]`);
}

/** Waits until the canvas has laid out the tree. */
export async function openCanvas(page: Page): Promise<void> {
  await page.goto("/supervision");
  await expect(page.getByTestId("supervision-canvas")).toHaveAttribute("data-laid-out", "true");
}

export interface PaletteNode {
  kind: "supervisor" | "service";
  namespace: string;
  name: string;
  process?: string;
  host?: string;
}

/** Adds a node from the palette (under the selected supervisor, or the root) and waits for it. */
export async function addFromPalette(page: Page, node: PaletteNode): Promise<Locator> {
  const palette = page.getByTestId("supervision-palette");
  await palette.getByTestId(`palette-kind-${node.kind}`).click();
  await palette.getByTestId("palette-namespace").fill(node.namespace);
  await palette.getByTestId("palette-name").fill(node.name);
  if (node.process !== undefined) await palette.getByTestId("palette-process").selectOption(node.process);
  if (node.host !== undefined) await palette.getByTestId("palette-host").selectOption(node.host);
  await palette.getByTestId("palette-add").click();
  const added = canvasNode(page, `${node.namespace}:${node.name}`);
  await expect(added).toBeVisible();
  return added;
}

/** Presses the mouse on `from`, moves it to `to` in steps, and releases it there. */
export async function dragBetween(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = await centerOf(from);
  const b = await centerOf(to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 8 });
  await page.mouse.move(b.x, b.y, { steps: 8 });
  await page.mouse.up();
}

/** Connects `child` under `supervisor`: from the supervisor's bottom handle to the child's top one. */
export async function connect(page: Page, supervisor: string, child: string): Promise<void> {
  await dragBetween(page, canvasNode(page, supervisor).getByTestId("handle-children"), canvasNode(page, child).getByTestId("handle-parent"));
}

/** Drags the supervisor end of the edge into `child` onto another supervisor's bottom handle. */
export async function moveEdge(page: Page, child: string, toSupervisor: string): Promise<void> {
  const anchor = page.locator(`.react-flow__edge[data-id="edge:${child}"] .react-flow__edgeupdater-source`);
  await dragBetween(page, anchor, canvasNode(page, toSupervisor).getByTestId("handle-children"));
}

/** The supervisor the side panel shows for `id` (selects the node first). */
export async function supervisorOf(page: Page, id: string): Promise<string> {
  await canvasNode(page, id).click();
  const panel = page.getByTestId("node-panel");
  await expect(panel).toHaveAttribute("data-node-id", id);
  return panel.getByTestId("panel-supervisor").inputValue();
}

async function centerOf(locator: Locator): Promise<{ x: number; y: number }> {
  // Actionability only (visible, stable — no pan animation running — and hit by the pointer).
  await locator.hover({ trial: true });
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator.toString()} is not on screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}
