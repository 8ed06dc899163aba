/**
 * Durable workflows in the control plane, with the app's `flows:order` (e2e/app/workflows):
 * an operator starts a run from the UI, sees it pack (an activity) and wait, sends the approval
 * signal from the UI and watches the timeline complete (timer, child workflow, result); an
 * upgrade shows the replay check before anything switches; a viewer sees runs but no actions,
 * and the server refuses a forced one.
 */
import type { Page } from "@playwright/test";
import { failedResponse } from "../support/console-guard";
import { expect, test } from "../support/fixtures";
import { uniqueName } from "../support/registry";
import { tourScreenshot } from "../support/screenshots";
import type { TrpcClient } from "../support/trpc";
import { storageStateOf } from "../support/users";

const ORDER_SOURCE = (firstQty: string, result: string) => `local funcs = require("funcs")
local function run(order)
    local packed = funcs.call("flows:pack", order.item, ${firstQty})
    local approval = process.inbox():receive()
    return { label = packed.label, ${result} }
end
return { run = run }
`;

const item = (page: Page, type: string) => page.getByTestId("timeline").locator(`[data-testid="timeline-item"][data-type="${type}"]`);
const runPath = (id: string) => `/workflows/${encodeURIComponent(id)}`;

interface RunRead {
  run: { status: string };
  inbox: unknown[];
  history: { type: string }[];
}

test.describe("operator", () => {
  test.use({ storageState: storageStateOf("operator") });

  test("starts a workflow, signals it from the UI and sees the timeline complete", async ({ page }) => {
    const id = uniqueName("order");
    await page.goto("/workflows");
    await page.getByTestId("start-workflow").click();
    const dialog = page.getByTestId("start-dialog");
    await dialog.getByTestId("start-workflow-entry").selectOption("flows:order");
    await expect(dialog.getByTestId("start-host")).toHaveValue("flows:workflows");
    await dialog.getByTestId("start-args").fill('{"item": "book"}');
    await expect(dialog.getByTestId("start-args-error")).toContainText("Arguments are a JSON array");
    await expect(dialog.getByTestId("start-submit")).toBeDisabled();
    await dialog.getByTestId("start-args").fill('[{"item": "book", "qty": 2}]');
    await dialog.getByTestId("start-id").fill(id);
    await dialog.getByTestId("start-submit").click();

    await expect(page).toHaveURL(new RegExp(`/workflows/${id}$`));
    await expect(page.getByTestId("run-id")).toHaveText(id);
    await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", "running");
    await expect(page.getByTestId("run-input")).toContainText('"item": "book"');
    // It packed (an activity) and now waits for the approval signal.
    await expect(item(page, "activity")).toHaveAttribute("data-status", "completed");
    await expect(item(page, "activity")).toContainText('flows:pack("book",2)');
    await expect(page.getByTestId("pending")).toBeVisible();
    await expect(item(page, "signal")).toHaveCount(0);

    await page.getByTestId("action-signal").click();
    const signal = page.getByTestId("signal-dialog");
    await signal.getByTestId("signal-topic").fill("approve");
    await signal.getByTestId("signal-payload").fill('{"by": ');
    await expect(signal.getByTestId("signal-payload-error")).toContainText("Not valid JSON");
    await expect(signal.getByTestId("signal-submit")).toBeDisabled();
    await signal.getByTestId("signal-payload").fill('{"by": "olga"}');
    await signal.getByTestId("signal-submit").click();
    await expect(page.getByTestId("run-notice-text")).toHaveText(`Sent approve to ${id}.`);
    await expect(signal).toHaveCount(0);

    // The page refreshes itself until the run ends: signal, durable timer, child, result.
    await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", "completed", { timeout: 30_000 });
    await expect(item(page, "signal")).toContainText('approve {"by":"olga"}');
    await expect(item(page, "timer")).toHaveAttribute("data-status", "fired");
    await expect(item(page, "child")).toHaveAttribute("data-status", "completed");
    await expect(item(page, "end")).toContainText("completed");
    const result = page.getByTestId("run-result");
    await expect(result).toContainText('"approved_by": "olga"');
    await expect(result).toContainText('"tracking": "TRK-bookx2"');
    await expect(page.getByTestId("run-actions")).toHaveCount(0);
    await expect(page.getByTestId("pending")).toHaveCount(0);
    await tourScreenshot(page, "workflow-run", { height: 1400 });

    // The child workflow has a page of its own, linked back to its parent.
    await item(page, "child").getByTestId("child-link").click();
    await expect(page.getByTestId("run-id")).toHaveText(new RegExp(`^${id}/\\d+$`));
    await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", "completed");
    await page.getByTestId("run-parent").click();
    await expect(page.getByTestId("run-id")).toHaveText(id);

    // The list finds both runs by id, with counts per status kept in the URL.
    await page.goto(`/workflows?id=${id}`);
    await expect(page.getByTestId("run-row")).toHaveCount(2);
    await expect(page.getByTestId("status-count-completed")).toHaveText("2");
    await tourScreenshot(page, "workflow-list");
    await page.getByTestId("status-running").click();
    await expect(page).toHaveURL(/status=running/);
    await expect(page.getByTestId("runs-empty")).toBeVisible();
    await page.getByTestId("filter-clear").click();
    await expect(page).toHaveURL(/\/workflows$/);
  });

  test("an upgrade shows the replay check first and switches only to code that replays the history", async ({ page, apiAs }) => {
    const editor = await apiAs("editor");
    const workflow = `flows:${uniqueName("order_up")}`;
    await saveWorkflow(editor, workflow, ORDER_SOURCE("order.qty", "version = 1"));
    const operator = await apiAs("operator");
    const { runId } = await operator.mutationOrThrow<{ runId: string }>("workflows.start", { workflow, args: [{ item: "pen", qty: 1 }] });
    await page.goto(runPath(runId));
    await expect(item(page, "activity")).toHaveAttribute("data-status", "completed");

    await page.getByTestId("action-upgrade").click();
    await expect(page.getByTestId("upgrade-verdict")).toHaveAttribute("data-status", "unchanged");
    await expect(page.getByTestId("upgrade-switch")).toHaveCount(0);
    await page.keyboard.press("Escape");

    // New code asks for another quantity first: it diverges from the recorded history.
    await saveWorkflow(editor, workflow, ORDER_SOURCE("order.qty + 1", "version = 2"));
    await page.getByTestId("action-upgrade").click();
    await expect(page.getByTestId("upgrade-verdict")).toHaveAttribute("data-status", "diverged");
    await expect(page.getByTestId("divergence")).toContainText("NonDeterminism");
    await expect(page.getByTestId("upgrade-switch")).toHaveCount(0);
    await page.keyboard.press("Escape");

    // Code that makes the same first call replays; switching is offered and done.
    await saveWorkflow(editor, workflow, ORDER_SOURCE("order.qty", "version = 3"));
    await page.getByTestId("action-upgrade").click();
    await expect(page.getByTestId("upgrade-verdict")).toHaveAttribute("data-status", "deterministic");
    await page.getByTestId("upgrade-switch").click();
    await expect(page.getByTestId("run-notice-text")).toContainText(`Upgraded ${runId} to code`);
    await expect(item(page, "upgrade")).toBeVisible();

    await operator.mutationOrThrow("workflows.signal", { id: runId, topic: "go" });
    await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", "completed", { timeout: 30_000 });
    await expect(page.getByTestId("run-result")).toContainText('"version": 3');
  });

  test("terminating asks for a reason and ends the run at once", async ({ page, apiAs }) => {
    const operator = await apiAs("operator");
    const { runId } = await operator.mutationOrThrow<{ runId: string }>("workflows.start", { workflow: "flows:order", args: [{ item: "kite", qty: 1 }] });
    await page.goto(runPath(runId));
    await expect(item(page, "activity")).toHaveAttribute("data-status", "completed");
    await page.getByTestId("action-terminate").click();
    await page.getByTestId("terminate-reason").fill("kites are out of season");
    await page.getByTestId("terminate-submit").click();
    await expect(page.getByTestId("run-notice-text")).toHaveText(`Terminated ${runId}.`);
    await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", "terminated");
    await expect(item(page, "end")).toContainText("kites are out of season");
    await expect(page.getByTestId("run-actions")).toHaveCount(0);
  });
});

test.describe("viewer", () => {
  test.use({ storageState: storageStateOf("viewer") });

  test("sees runs and their timelines but no actions; a forced signal is refused by the server", async ({ page, api, apiAs }) => {
    const operator = await apiAs("operator");
    const { runId } = await operator.mutationOrThrow<{ runId: string }>("workflows.start", { workflow: "flows:order", args: [{ item: "pen", qty: 3 }] });

    await page.goto("/registry");
    await page.getByTestId("side-nav").getByTestId("nav-workflows").click();
    await expect(page).toHaveURL(/\/workflows$/);
    await expect(page.getByTestId("start-workflow")).toHaveCount(0);
    await page.locator(`[data-testid="run-row"][data-run-id="${runId}"]`).getByTestId("run-link").click();
    await expect(page.getByTestId("run-id")).toHaveText(runId);
    await expect(item(page, "activity")).toHaveAttribute("data-status", "completed");
    await expect(page.getByTestId("run-status")).toHaveAttribute("data-status", "running");
    await expect(page.getByTestId("run-actions")).toHaveCount(0);
    await expect(page.getByTestId("action-signal")).toHaveCount(0);

    const forced = await api.mutation("workflows.signal", { id: runId, topic: "approve", payload: { by: "vic" } });
    expect(forced).toMatchObject({ ok: false, status: 403, code: "FORBIDDEN", message: "this needs the operator role; you are a viewer" });
    expect(await api.mutation("workflows.terminate", { id: runId })).toMatchObject({ ok: false, status: 403, code: "FORBIDDEN" });
    const read = await api.queryOrThrow<RunRead>("workflows.get", { id: runId });
    expect(read.run.status).toBe("running");
    expect(read.inbox).toEqual([]);
    expect(read.history.map((e) => e.type)).not.toContain("signal.received");
    await operator.mutationOrThrow("workflows.terminate", { id: runId, reason: "end of the viewer spec" });
  });

  test.describe("an unknown run", () => {
    test.use({ allowConsoleErrors: [failedResponse(404)] });

    test("says there is no such run", async ({ page }) => {
      await page.goto(runPath("no-such-run"));
      await expect(page.getByTestId("run-not-found")).toContainText("No workflow run no-such-run");
    });
  });
});

async function saveWorkflow(editor: TrpcClient, id: string, source: string): Promise<void> {
  const entry = { kind: "workflow.lua", meta: { comment: "made by the workflows spec" }, data: { source, method: "run", modules: ["funcs"] } };
  const existing = await editor.query<{ version: number }>("registry.get", { id });
  if (existing.ok) await editor.mutationOrThrow("registry.save", { id, baseVersion: existing.data.version, entry, message: "e2e: change the workflow" });
  else await editor.mutationOrThrow("registry.create", { entry: { id, ...entry }, message: `e2e: create ${id}` });
}
