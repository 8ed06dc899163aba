/** The nodes page lists the runtime node `wippy start` runs, as its heartbeats report it. */
import { expect, test } from "../support/fixtures";
import type { NodeInfo } from "../support/registry";
import { tourScreenshot } from "../support/screenshots";
import { storageStateOf } from "../support/users";

test.use({ storageState: storageStateOf("viewer") });

test("the running node is listed with its registry version and processes", async ({ page, api }) => {
  const { nodes } = await api.queryOrThrow<{ nodes: NodeInfo[] }>("nodes.list");
  expect(nodes).toHaveLength(1);
  const node = nodes[0] as NodeInfo;
  const head = (await api.queryOrThrow<{ items: { id: number }[] }>("history.versions", { limit: 1 })).items[0]?.id;
  expect(node.processes).toBeGreaterThan(0);

  await page.goto("/registry");
  await page.getByTestId("nav-nodes").click();
  await expect(page).toHaveURL(/\/nodes$/);
  const row = page.locator(`[data-testid="node-row"][data-node-id="${node.id}"]`);
  await expect(row).toBeVisible();
  await expect(page.getByTestId("node-row")).toHaveCount(1);
  await expect(row).toContainText(node.address);
  // The node has applied the newest registry version (heartbeats report it within seconds).
  await expect(row).toContainText(`v${head}`);
  await expect(page.getByTestId("nodes-live")).toHaveAttribute("data-live", "true");
  await tourScreenshot(page, "nodes");
});
