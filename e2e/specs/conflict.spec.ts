/**
 * A stale save between two people in two browser contexts: A (an editor) and B (an admin) open
 * the same entry, B starts editing, A saves, then B saves — B's save is refused and the
 * conflict panel shows the three sides (base, theirs, yours). Nothing is lost: B keeps theirs,
 * keeps mine, or merges.
 *
 * A and B keep their pages for the whole file (Monaco loads once per person); each test makes
 * its own entry and opens it the way people do, from the top bar's search.
 */
import type { Browser, Page } from "@playwright/test";
import { failedResponse } from "../support/console-guard";
import { e2eBaseUrl } from "../support/env";
import { expect, test } from "../support/fixtures";
import { modifiedSide, originalSide, replaceEditorText, waitForEditor } from "../support/monaco";
import { createQuoteCopy, entryPath, entryRevisions, QUOTE_SOURCE, readEntry, uniqueName } from "../support/registry";
import { tourScreenshot } from "../support/screenshots";
import type { TrpcClient } from "../support/trpc";
import { storageStateOf, type Role } from "../support/users";

const QTY_LINE = "    local n = qty or 1";
const RESULT_LINE = "    return { item = item, qty = n, total = price * n }";
/** A's change (theirs, for B). */
const THEIRS = QUOTE_SOURCE.replace(QTY_LINE, "    local n = qty or 2");
/** B's change (yours). */
const YOURS = QUOTE_SOURCE.replace(RESULT_LINE, '    return { item = item, qty = n, total = price * n, currency = "EUR" }');
/** Both changes. */
const MERGED = THEIRS.replace(RESULT_LINE, '    return { item = item, qty = n, total = price * n, currency = "EUR" }');

test.describe.configure({ mode: "serial" });
// B's refused save is an HTTP 409, which Chromium logs as a failed resource. `api` is the editor's.
test.use({ allowConsoleErrors: [failedResponse(409)], storageState: storageStateOf("editor") });

let a: Page;
let b: Page;

async function openPerson(browser: Browser, role: Role): Promise<Page> {
  const context = await browser.newContext({ baseURL: e2eBaseUrl(), storageState: storageStateOf(role), viewport: { width: 1280, height: 800 } });
  return context.newPage();
}

test.beforeAll(async ({ browser }) => {
  a = await openPerson(browser, "editor");
  b = await openPerson(browser, "admin");
});

test.afterAll(async () => {
  await a.context().close();
  await b.context().close();
});

test.beforeEach(({ consoleGuard }) => {
  consoleGuard.watchContext(a.context());
  consoleGuard.watchContext(b.context());
});

/** Opens the entry's source: a full load the first time, then from the top bar's search (Monaco stays loaded). */
async function openEntry(page: Page, id: string): Promise<void> {
  if (!page.url().startsWith("http")) {
    await page.goto(entryPath(id, "source"));
  } else {
    await page.getByTestId("global-search").fill(id);
    await page.getByTestId("global-search").press("Enter");
    await page.locator(`[data-testid="entry-row"][data-entry-id="${id}"]`).getByTestId("entry-link").click();
    await expect(page).toHaveURL(new RegExp(`/registry/${encodeURIComponent(id)}$`));
  }
  await waitForEditor(page.getByTestId("source-editor"));
  await expect(page.getByTestId("source-editor")).toContainText("local n = qty or 1");
}

/** A fresh entry; B edits it, A saves a different change, B saves: B gets the conflict panel. */
async function makeConflict(api: TrpcClient): Promise<string> {
  const { id } = await createQuoteCopy(api, uniqueName("quote_conflict"));
  await openEntry(a, id);
  await openEntry(b, id);

  await replaceEditorText(b.getByTestId("source-editor"), YOURS);
  await expect(b.getByTestId("dirty-state")).toContainText("Edited");

  await replaceEditorText(a.getByTestId("source-editor"), THEIRS);
  await a.getByTestId("save-message").fill("default quantity is 2");
  await a.getByTestId("save-button").click();
  await expect(a.getByTestId("save-notice")).toHaveAttribute("data-kind", "success");

  await b.getByTestId("save-message").fill("say the currency");
  await b.getByTestId("save-button").click();
  await expect(b.getByTestId("conflict-panel")).toBeVisible();
  return id;
}

test("a stale save is refused; the panel shows base, theirs and yours; B can keep mine", async ({ api }) => {
  const id = await makeConflict(api);
  const panel = b.getByTestId("conflict-panel");
  await expect(panel.getByTestId("save-notice")).toHaveAttribute("data-kind", "warning");
  // B's edit stays in the editor; saving again is blocked until B chooses.
  await expect(b.getByTestId("save-button")).toBeDisabled();
  // Nothing was written by the refused save.
  expect((await readEntry(api, id)).entry.data.source).toBe(THEIRS);

  const diff = panel.getByTestId("conflict-diff");
  // Theirs ↔ yours.
  await waitForEditor(diff);
  await expect(originalSide(diff)).toContainText("local n = qty or 2");
  await expect(modifiedSide(diff)).toContainText('currency = "EUR"');
  await tourScreenshot(b, "conflict-panel", { height: 1240 });
  // Their change: base → theirs.
  await panel.getByTestId("tab-base-theirs").click();
  await expect(originalSide(diff)).toContainText("local n = qty or 1");
  await expect(modifiedSide(diff)).toContainText("local n = qty or 2");
  // Your change: base → yours.
  await panel.getByTestId("tab-base-yours").click();
  await expect(originalSide(diff)).not.toContainText("currency");
  await expect(modifiedSide(diff)).toContainText('currency = "EUR"');

  await panel.getByTestId("conflict-keep-mine").click();
  await expect(b.getByTestId("conflict-panel")).toHaveCount(0);
  await expect(b.getByTestId("save-notice")).toHaveAttribute("data-kind", "success");
  expect((await readEntry(api, id)).entry.data.source).toBe(YOURS);
  // A's version is not lost: it is the one before B's in the entry's history.
  const revisions = await entryRevisions(api, id);
  expect(revisions.map((r) => r.version.message)).toEqual(["say the currency", "default quantity is 2", `e2e: create ${id}`]);
  expect(revisions[1]?.entry?.data.source).toBe(THEIRS);
});

test("B can keep theirs: their version stays, B's draft is dropped only on request", async ({ api }) => {
  const id = await makeConflict(api);
  await b.getByTestId("conflict-take-theirs").click();
  await expect(b.getByTestId("conflict-panel")).toHaveCount(0);
  await expect(b.getByTestId("dirty-state")).toHaveText("No changes");
  await expect(b.getByTestId("save-button")).toBeEnabled();
  expect((await readEntry(api, id)).entry.data.source).toBe(THEIRS);
  expect(await entryRevisions(api, id)).toHaveLength(2);
  // After a reload the editor shows theirs too.
  await b.reload();
  const source = b.getByTestId("source-editor");
  await waitForEditor(source);
  await expect(source).toContainText("local n = qty or 2");
  await expect(source).not.toContainText("currency");
});

test("after Take theirs the editor shows their source at once", async ({ api }) => {
  await makeConflict(api);
  await b.getByTestId("conflict-take-theirs").click();
  await expect(b.getByTestId("conflict-panel")).toHaveCount(0);
  const source = b.getByTestId("source-editor");
  await expect(source).toContainText("local n = qty or 2", { timeout: 5_000 });
  await expect(source).not.toContainText("currency");
});

test("B can merge both changes by hand", async ({ api }) => {
  const id = await makeConflict(api);
  const panel = b.getByTestId("conflict-panel");
  await panel.getByTestId("conflict-open-merge").click();
  const merge = panel.getByTestId("merge-editor");
  await waitForEditor(merge);
  await expect(modifiedSide(merge)).toContainText('currency = "EUR"');
  await replaceEditorText(merge, MERGED, "modified");
  await panel.getByTestId("conflict-save-merge").click();
  await expect(b.getByTestId("conflict-panel")).toHaveCount(0);
  await expect(b.getByTestId("save-notice")).toHaveAttribute("data-kind", "success");
  expect((await readEntry(api, id)).entry.data.source).toBe(MERGED);
});
