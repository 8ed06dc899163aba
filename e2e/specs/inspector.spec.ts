/**
 * The process inspector (issue 8) against the real node: the live table of every process,
 * a process's page (facts, sampled messages, log lines), the operator's actions with their
 * confirmation, outcome toast and audit entry, what a viewer may not do, and the live log.
 * The app's `shop:ticker_service` ticks (and logs) once a second.
 */
import { expect, test } from "../support/fixtures";
import { openProcesses, openServicePage, serviceRow, TICKER_SERVICE, type AuditItem } from "../support/inspector";
import { uniqueName } from "../support/registry";
import { tourScreenshot } from "../support/screenshots";
import { storageStateOf } from "../support/users";

test.describe("operator", () => {
  test.use({ storageState: storageStateOf("operator") });

  test("terminate one from the inspector: confirmation, a toast with the outcome, the service back with a new pid", async ({ page, apiAs }) => {
    const pid = await openServicePage(page, TICKER_SERVICE);

    await test.step("the process page shows its facts, config and log lines", async () => {
      await expect(page.getByTestId("fact-service")).toHaveText(TICKER_SERVICE);
      await expect(page.getByTestId("fact-entry")).toHaveText("shop:ticker");
      await expect(page.getByTestId("config-service")).toContainText(`"id": "${TICKER_SERVICE}"`);
      await expect(page.getByTestId("process-logs").getByTestId("log-line").filter({ hasText: "tick" }).first()).toBeVisible();
    });

    await test.step("terminate it, after confirming", async () => {
      await page.getByTestId("action-terminate").click();
      const dialog = page.getByTestId("terminate-dialog");
      await expect(dialog).toContainText(pid);
      await dialog.getByTestId("terminate-confirm").click();
      await expect(dialog).toHaveCount(0);
      const toast = page.getByTestId("toast").filter({ hasText: `Terminated ${pid}` });
      await expect(toast).toHaveAttribute("data-tone", "success");
    });

    let successor = "";
    await test.step("the page says it exited and links to the service's new process", async () => {
      await expect(page.getByTestId("process-page")).toHaveAttribute("data-state", "exited");
      await expect(page.getByTestId("process-exited")).toBeVisible();
      await expect(page.getByTestId("process-actions")).toHaveCount(0);
      const next = page.getByTestId("process-successor");
      await expect(next).toBeVisible({ timeout: 10_000 });
      successor = (await next.getAttribute("data-pid")) ?? "";
      expect(successor).not.toBe(pid);
    });

    await test.step("the table shows the service again, with a new pid and a restart", async () => {
      await page.getByTestId("nav-processes").click();
      const row = await serviceRow(page, TICKER_SERVICE);
      await expect(row).toHaveAttribute("data-pid", successor);
      expect(Number(await row.getAttribute("data-restarts"))).toBeGreaterThanOrEqual(1);
      // Sorting by restarts puts it first: no other process has restarted.
      await page.getByTestId("process-search").fill("");
      await page.getByTestId("sort-restarts").click();
      await expect(page.getByTestId("sort-restarts").locator("..")).toHaveAttribute("aria-sort", "descending");
      await expect(page.getByTestId("process-row").first()).toHaveAttribute("data-service", TICKER_SERVICE);
    });

    await test.step("the audit log has the termination with its outcome", async () => {
      const admin = await apiAs("admin");
      const { items } = await admin.queryOrThrow<{ items: AuditItem[] }>("audit.list", { action: "processes.terminate" });
      expect(items.find((a) => a.target === pid)).toMatchObject({ action: "processes.terminate", actor: { name: expect.stringContaining("operator") } });
    });
  });

  test("send a message to a process: the payload is checked, then it shows in its sampled messages and log", async ({ page }) => {
    const pid = await openServicePage(page, TICKER_SERVICE);
    const topic = uniqueName("hello");
    await expect(page.getByTestId("messages-empty")).toBeVisible();

    await page.getByTestId("action-send").click();
    const dialog = page.getByTestId("send-dialog");
    await dialog.getByTestId("send-topic").fill(topic);
    await dialog.getByTestId("send-payload").fill('{"qty": 2,');
    await expect(dialog.getByTestId("send-payload-error")).toContainText("not valid JSON");
    await dialog.getByTestId("send-submit").click();
    await expect(dialog).toBeVisible(); // nothing was sent
    await dialog.getByTestId("send-payload").fill('{"qty": 2, "item": "tea"}');
    await expect(dialog.getByTestId("send-payload-error")).toHaveCount(0);
    await dialog.getByTestId("send-submit").click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId("toast").filter({ hasText: `Sent “${topic}” to ${pid}` })).toHaveAttribute("data-tone", "success");

    const message = page.locator(`[data-testid="sampled-message"][data-topic="${topic}"]`);
    await expect(message).toBeVisible();
    await expect(message).toContainText("system");
    await expect(message.getByTestId("message-preview")).toHaveText('{"qty":2,"item":"tea"}');
    await expect(page.getByTestId("process-logs").getByTestId("log-line").filter({ hasText: `ticker got ${topic}` })).toBeVisible();
    await tourScreenshot(page, "process-page", { height: 1100 });
  });
});

test.describe("viewer", () => {
  test.use({ storageState: storageStateOf("viewer") });

  test("sees the table and a process page, but no action; the server refuses one too", async ({ page, api }) => {
    await openProcesses(page);
    const counts = page.getByTestId("process-counts");
    expect(Number(await counts.getAttribute("data-total"))).toBeGreaterThan(0);
    await tourScreenshot(page, "processes");
    await page.getByTestId("filter-state").selectOption("exited");
    await expect(page.getByTestId("processes-empty")).toContainText("No process matches");
    await page.getByTestId("clear-filters").click();
    const pid = await openServicePage(page, TICKER_SERVICE);
    await expect(page.getByTestId("process-facts")).toBeVisible();
    await expect(page.getByTestId("process-actions")).toHaveCount(0);
    await expect(page.getByTestId("action-terminate")).toHaveCount(0);

    const { nodes } = await api.queryOrThrow<{ nodes: { id: string }[] }>("nodes.list");
    const refused = await api.mutation("processes.terminate", { nodeId: nodes[0]?.id ?? "", dest: pid });
    expect(refused).toMatchObject({ ok: false, status: 403 });
  });

  test("the live log shows the ticker's lines, filters by level and entry, and pauses", async ({ page }) => {
    await page.goto("/registry");
    await page.getByTestId("nav-logs").click();
    await expect(page).toHaveURL(/\/logs$/);
    await expect(page.getByTestId("logs-live")).toHaveAttribute("data-connection", "live");
    const tickerLines = page.locator('[data-testid="log-line"][data-entry="shop:ticker"]');
    await expect(tickerLines.filter({ hasText: "tick" }).first()).toBeVisible();

    await page.getByTestId("log-level-filter").selectOption("warn");
    await expect(page.locator('[data-testid="log-line"][data-level="info"]')).toHaveCount(0);
    await expect(tickerLines).toHaveCount(0);

    await page.getByTestId("log-level-filter").selectOption("info");
    await page.getByTestId("log-entry-filter").fill("shop:ticker");
    await expect(tickerLines.first()).toBeVisible();
    await expect(page.locator('[data-testid="log-line"]:not([data-entry*="shop:ticker"])')).toHaveCount(0);
    await page.getByTestId("log-entry-filter").fill("");
    await tourScreenshot(page, "logs");
    await page.getByTestId("log-entry-filter").fill("shop:ticker");

    await page.getByTestId("log-pause").click();
    const shownWhenPaused = Number(await page.getByTestId("log-counts").getAttribute("data-shown"));
    await expect(page.getByTestId("log-paused")).toContainText(/[1-9]\d* new line/, { timeout: 5_000 });
    expect(Number(await page.getByTestId("log-counts").getAttribute("data-shown"))).toBe(shownWhenPaused);
    await page.getByTestId("log-pause").click();
    await expect(page.getByTestId("log-paused")).toHaveCount(0);
    await expect.poll(async () => Number(await page.getByTestId("log-counts").getAttribute("data-shown"))).toBeGreaterThan(shownWhenPaused);
  });
});
