/**
 * The live system across the control plane's views: an operator terminates a service's
 * process from the inspector while the supervision canvas is open in another tab, and the
 * canvas shows the crash and the restart (the delay is printed as JSON); an editor changes a
 * `registry.entry` and the running service that reads it logs the new value — the same
 * process, not a restart.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { openServicePage, TICKER_SERVICE } from "../support/inspector";
import { replaceEditorText } from "../support/monaco";
import { entryPath } from "../support/registry";
import { storageStateOf } from "../support/users";

const canvasNode = (page: Page, id: string) => page.locator(`[data-testid="supervision-node"][data-node-id="${id}"]`);

test.describe("operator", () => {
  test.use({ storageState: storageStateOf("operator") });

  test("terminating a service from the inspector shows its crash and restart on the open canvas", async ({ page, context }) => {
    await page.goto("/supervision");
    const node = canvasNode(page, TICKER_SERVICE);
    await expect(node).toHaveAttribute("data-state", "running", { timeout: 15_000 });
    const live = node.getByTestId("node-live");
    const before = Number(await live.getAttribute("data-restarts"));

    const inspector = await context.newPage();
    const pid = await openServicePage(inspector, TICKER_SERVICE);
    await inspector.getByTestId("action-terminate").click();
    const confirmedAt = Date.now();
    await inspector.getByTestId("terminate-confirm").click();

    // The canvas (the other tab) flashes the crash, counts the restart and shows the new run.
    await expect(live).toHaveAttribute("data-flash", "true", { timeout: 5_000 });
    const shownAfterMs = Date.now() - confirmedAt;
    await expect(live).toHaveAttribute("data-restarts", String(before + 1));
    await expect(node).toHaveAttribute("data-state", "running");
    await expect(live).not.toContainText(pid);
    console.log(JSON.stringify({ bench: "crash-to-canvas", terminate_to_canvas_ms: shownAfterMs }));
    expect(shownAfterMs).toBeLessThan(3_000);
    await inspector.close();
  });
});

test.describe("editor", () => {
  test.use({ storageState: storageStateOf("editor") });

  test("a changed registry.entry reaches the running process that reads it: its log line, same pid", async ({ page }) => {
    await page.goto("/logs");
    await page.getByTestId("log-entry-filter").fill("adapt:announcer");
    const first = page.getByTestId("log-line").filter({ hasText: "greeting is Hello" });
    await expect(first).toHaveCount(1, { timeout: 15_000 });
    const pid = await first.getAttribute("data-pid");
    expect(pid).toMatch(/^\{shop:processes\|0x/);

    const greeting = `Bonjour ${Date.now()}`;
    await page.goto(entryPath("adapt:settings", "yaml"));
    await replaceEditorText(
      page.getByTestId("yaml-editor"),
      `namespace: adapt\nentries:\n  - name: settings\n    kind: registry.entry\n    meta:\n      description: What the announcer announces\n    greeting: ${greeting}\n`,
    );
    await page.getByTestId("save-message").fill("announce it in French");
    await page.getByTestId("save-button").click();
    await expect(page.getByTestId("save-notice")).toHaveAttribute("data-kind", "success");

    await page.goto("/logs");
    await page.getByTestId("log-entry-filter").fill("adapt:announcer");
    const adapted = page.getByTestId("log-line").filter({ hasText: `greeting is now ${greeting}` });
    await expect(adapted).toHaveCount(1, { timeout: 15_000 });
    await expect(adapted).toHaveAttribute("data-pid", pid ?? "");
  });
});
