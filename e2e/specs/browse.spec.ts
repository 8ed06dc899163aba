/**
 * Browsing the registry: the namespace tree, the entry list with search (and its Ctrl+K
 * shortcut), kind and meta filters kept in the URL, and an entry's page.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { waitForEditor } from "../support/monaco";
import { tourScreenshot } from "../support/screenshots";
import { storageStateOf } from "../support/users";

test.use({ storageState: storageStateOf("editor") });

const row = (page: Page, id: string) => page.locator(`[data-testid="entry-row"][data-entry-id="${id}"]`);

test("the namespace tree lists the app's namespaces and filters the list", async ({ page }) => {
  await page.goto("/registry");
  const tree = page.getByTestId("namespace-tree");
  await expect(tree.getByTestId("namespace-shop")).toBeVisible();
  await expect(tree.getByTestId("namespace-shop.config")).toBeVisible();
  for (const id of ["shop:quote", "shop:ticker", "shop:ticker_service", "shop:processes", "shop.config:prices"]) {
    await expect(row(page, id)).toBeVisible();
  }
  await tourScreenshot(page, "registry-list");

  await tree.getByTestId("namespace-shop.config").click();
  await expect(page).toHaveURL(/\?ns=shop\.config$/);
  await expect(page.getByTestId("entry-row")).toHaveCount(1);
  await expect(row(page, "shop.config:prices")).toBeVisible();
  await expect(page.getByTestId("namespace-shop.config")).toHaveAttribute("aria-pressed", "true");

  await page.getByTestId("clear-namespace").click();
  await expect(page).toHaveURL(/\/registry$/);
  await expect(row(page, "shop:quote")).toBeVisible();
});

test("search (Ctrl+K), kind and meta filters narrow the list and live in the URL", async ({ page }) => {
  await page.goto("/registry");
  await expect(row(page, "shop:quote")).toBeVisible();

  // Ctrl+K focuses the list's search box.
  await page.locator("body").press("ControlOrMeta+k");
  await expect(page.getByTestId("registry-search")).toBeFocused();
  await page.keyboard.type("ticker");
  await expect(page).toHaveURL(/search=ticker/);
  await expect(row(page, "shop:ticker")).toBeVisible();
  await expect(row(page, "shop:ticker_service")).toBeVisible();
  await expect(row(page, "shop:quote")).toHaveCount(0);

  await page.getByTestId("filter-kind").selectOption("process.service");
  await expect(page).toHaveURL(/kind=process\.service/);
  await expect(page.getByTestId("entry-row")).toHaveCount(1);
  await expect(row(page, "shop:ticker_service")).toBeVisible();

  // A filtered list is a link: reloading keeps it.
  await page.reload();
  await expect(page.getByTestId("registry-search")).toHaveValue("ticker");
  await expect(page.getByTestId("filter-kind")).toHaveValue("process.service");
  await expect(page.getByTestId("entry-row")).toHaveCount(1);

  // Two changes within the search box's debounce: the second must not undo the first.
  await page.getByTestId("registry-search").fill("");
  await page.getByTestId("filter-kind").selectOption("");
  await expect(page).not.toHaveURL(/search=|kind=/);
  await page.getByTestId("registry-search").fill("ticker");
  await page.getByTestId("filter-kind").selectOption("process.service");
  await expect(page).toHaveURL(/search=ticker/);
  await expect(page).toHaveURL(/kind=process\.service/);
  await expect(page.getByTestId("entry-row")).toHaveCount(1);
  await page.getByTestId("registry-search").fill("");
  await page.getByTestId("filter-kind").selectOption("");
  await expect(page).not.toHaveURL(/search=|kind=/);
  await page.getByTestId("filter-meta").fill("description=Unit prices by item");
  await page.getByTestId("filter-meta").press("Enter");
  await expect(page).toHaveURL(/meta=description%3DUnit/);
  await expect(page.getByTestId("entry-row")).toHaveCount(1);
  await expect(row(page, "shop.config:prices")).toBeVisible();

  await page.getByTestId("filter-meta").fill("description=nothing has this");
  await page.getByTestId("filter-meta").press("Enter");
  await expect(page.getByTestId("entries-empty")).toBeVisible();
});

test("the top bar's search opens the filtered list from any page", async ({ page }) => {
  await page.goto("/history");
  await page.getByTestId("global-search").fill("unit prices");
  await page.getByTestId("global-search").press("Enter");
  await expect(page).toHaveURL(/\/registry\?search=unit%20prices$/);
  await expect(row(page, "shop.config:prices")).toBeVisible();
  await expect(page.getByTestId("entry-row")).toHaveCount(1);
});

test("an entry opens with its kind, last change and Lua source in Monaco", async ({ page }) => {
  await page.goto("/registry");
  await row(page, "shop:quote").getByTestId("entry-link").click();
  await expect(page).toHaveURL(/\/registry\/shop%3Aquote$/);
  await expect(page.getByTestId("entry-id")).toContainText("quote");
  await expect(page.getByTestId("entry-kind")).toHaveText("function.lua");
  await expect(page.getByTestId("entry-last-version")).toHaveText(/^version \d+$/);
  const editor = page.getByTestId("source-editor");
  await waitForEditor(editor);
  await expect(editor).toContainText('registry.get("shop.config:prices")');
  await expect(page.getByTestId("syntax-status")).toHaveAttribute("data-state", "ok");

  // Any kind has a YAML view; a registry.entry has no source tab.
  await page.goto("/registry/shop.config%3Aprices");
  await expect(page.getByTestId("entry-kind")).toHaveText("registry.entry");
  await expect(page.getByTestId("tab-source")).toHaveCount(0);
  await page.getByTestId("tab-yaml").click();
  await expect(page.getByTestId("yaml-editor")).toContainText("book: 12");
});
