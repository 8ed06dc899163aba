/** Running a function.lua on the runtime node with JSON arguments: its value, or its error with the Lua traceback. */
import { expect, test } from "../support/fixtures";
import { entryPath } from "../support/registry";
import { storageStateOf } from "../support/users";

test.use({ storageState: storageStateOf("operator") });

test("a run with JSON arguments shows the returned value", async ({ page }) => {
  await page.goto(entryPath("shop:quote", "run"));
  await expect(page.getByTestId("run-node").locator("option")).toHaveCount(2); // "any live node" + the node
  await page.getByTestId("run-args").fill('["book", 3]');
  await page.getByTestId("run-button").click();

  const result = page.getByTestId("run-result");
  await expect(result).toHaveAttribute("data-ok", "true");
  const value = page.getByTestId("run-value");
  await expect(value).toContainText('"item": "book"');
  await expect(value).toContainText('"qty": 3');
  await expect(value).toContainText('"total": 36');
});

test("a failing call shows the Lua error and its traceback", async ({ page }) => {
  await page.goto(entryPath("shop:quote", "run"));
  // Pick the node explicitly this time.
  const nodeOption = page.getByTestId("run-node").locator("option").nth(1);
  await page.getByTestId("run-node").selectOption((await nodeOption.getAttribute("value")) ?? "");
  await page.getByTestId("run-args").fill('["kite"]');
  await page.getByTestId("run-button").click();

  const result = page.getByTestId("run-result");
  await expect(result).toHaveAttribute("data-ok", "false");
  await expect(result).toContainText("unknown item: kite");
  const traceback = page.getByTestId("run-traceback");
  await expect(traceback).toBeVisible();
  await expect(traceback).toContainText("stack traceback");
  await expect(traceback).toContainText("shop:quote");
});

test("arguments that are not a JSON array cannot be sent", async ({ page }) => {
  await page.goto(entryPath("shop:quote", "run"));
  await page.getByTestId("run-args").fill('{"item": "book"}');
  await expect(page.getByTestId("run-button")).toBeDisabled();
  await expect(page.getByTestId("run-panel")).toContainText("Arguments are a JSON array");
  await page.getByTestId("run-args").fill('["book"');
  await expect(page.getByTestId("run-button")).toBeDisabled();
});
