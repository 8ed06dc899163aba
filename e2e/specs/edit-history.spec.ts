/**
 * Editing Lua in the browser, start to finish, on a fresh copy of the app's function:
 * a syntax error is marked and refused → the fix is saved with a message (button, then Ctrl+S)
 * and the node runs the new code → history shows each version with author and message → a
 * diff of two versions shows the changed line → a rollback, previewed first, brings the
 * original source back as a new version.
 */
import { expect, test } from "../support/fixtures";
import { errorSquiggles, modifiedSide, originalSide, replaceEditorText, waitForEditor } from "../support/monaco";
import { createQuoteCopy, entryHistoryPath, entryPath, entryRevisions, QUOTE_SOURCE, readEntry, uniqueName } from "../support/registry";
import { tourScreenshot } from "../support/screenshots";
import { storageStateOf, USERS } from "../support/users";

const RESULT_LINE = "    return { item = item, qty = n, total = price * n }";
const QTY_LINE = "    local n = qty or 1";
if (!QUOTE_SOURCE.includes(RESULT_LINE) || !QUOTE_SOURCE.includes(QTY_LINE)) throw new Error("e2e/app/quote.lua changed: update the edits in this spec");

/** Line 17 (`local n = qty or 1`) broken: "unexpected symbol near '='". */
const BROKEN = QUOTE_SOURCE.replace(QTY_LINE, "    local n = = qty");
const WITH_EUR = QUOTE_SOURCE.replace(RESULT_LINE, '    return { item = item, qty = n, total = price * n, currency = "EUR" }');
const WITH_USD = QUOTE_SOURCE.replace(RESULT_LINE, '    return { item = item, qty = n, total = price * n, currency = "USD" }');

const editor = USERS.editor;

test.describe.configure({ mode: "serial" });
test.use({ storageState: storageStateOf("editor") });

let id = "";
let created = 0;
let eurVersion = 0;
let usdVersion = 0;

function savedVersion(text: string | null): number {
  const match = /Saved as version (\d+)\./.exec(text ?? "");
  if (!match?.[1]) throw new Error(`no version in the save notice: ${text}`);
  return Number(match[1]);
}

test("a syntax error is marked in Monaco and the save is refused with a message", async ({ page, api }) => {
  ({ id, version: created } = await createQuoteCopy(api, uniqueName("quote_edit")));
  await page.goto(entryPath(id, "source"));
  const source = page.getByTestId("source-editor");
  await replaceEditorText(source, BROKEN);

  await expect(errorSquiggles(source).first()).toBeVisible();
  await expect(source).toHaveAttribute("data-markers", "1");
  await expect(page.getByTestId("syntax-errors")).toContainText("line 17");
  await expect(page.getByTestId("dirty-state")).toHaveText("Edited · 1 syntax error");

  await page.getByTestId("save-message").fill("this must not be saved");
  await page.getByTestId("save-button").click();
  const notice = page.getByTestId("save-notice");
  await expect(notice).toHaveAttribute("data-kind", "error");
  await expect(notice).toContainText("Save refused: the source has syntax errors.");
  await expect(notice).toContainText("line 17");
  expect(await entryRevisions(api, id)).toHaveLength(1);
});

test("the fix is saved with a message, and the node runs the new code", async ({ page, api }) => {
  await page.goto(entryPath(id, "source"));
  const source = page.getByTestId("source-editor");
  await replaceEditorText(source, WITH_EUR);
  await expect(page.getByTestId("syntax-status")).toHaveAttribute("data-state", "ok");
  await expect(errorSquiggles(source)).toHaveCount(0);

  await page.getByTestId("save-message").fill("quote: say the currency");
  await expect(page.getByTestId("dirty-state")).toHaveText("Edited");
  await tourScreenshot(page, "entry-editor", { height: 1020 });
  await page.getByTestId("save-button").click();
  const notice = page.getByTestId("save-notice");
  await expect(notice).toHaveAttribute("data-kind", "success");
  eurVersion = savedVersion(await notice.textContent());
  await expect(page.getByTestId("dirty-state")).toHaveText("No changes");
  await expect(page.getByTestId("entry-last-version")).toHaveText(`version ${eurVersion}`);
  expect((await readEntry(api, id)).entry.data.source).toBe(WITH_EUR);

  // Editors may run functions too; the node hot-applies the new version within moments.
  await page.getByTestId("tab-run").click();
  await page.getByTestId("run-args").fill('["pen", 5]');
  await expect(async () => {
    await page.getByTestId("run-button").click();
    await expect(page.getByTestId("run-value")).toContainText('"currency": "EUR"', { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByTestId("run-value")).toContainText('"total": 10');
});

test("Ctrl+S in the editor saves too", async ({ page, api }) => {
  await page.goto(entryPath(id, "source"));
  const source = page.getByTestId("source-editor");
  await replaceEditorText(source, WITH_USD);
  await page.getByTestId("save-message").fill("quote: dollars");
  await source.locator(".view-lines").click();
  await page.keyboard.press("ControlOrMeta+s");

  const notice = page.getByTestId("save-notice");
  await expect(notice).toHaveAttribute("data-kind", "success");
  usdVersion = savedVersion(await notice.textContent());
  expect(usdVersion).toBeGreaterThan(eurVersion);
  expect((await readEntry(api, id)).entry.data.source).toBe(WITH_USD);
  // One keystroke, one version.
  expect(await entryRevisions(api, id)).toHaveLength(3);
});

test("history shows every version of the entry with its author and message", async ({ page }) => {
  await page.goto(entryHistoryPath(id));
  const row = (version: number) => page.locator(`[data-testid="entry-history-row"][data-version="${version}"]`);
  await expect(page.getByTestId("entry-history-row")).toHaveCount(3);
  await expect(row(usdVersion)).toContainText(editor.email);
  await expect(row(usdVersion)).toContainText("quote: dollars");
  await expect(row(eurVersion)).toContainText(editor.email);
  await expect(row(eurVersion)).toContainText("quote: say the currency");
  await expect(row(created)).toContainText(`e2e: create ${id}`);

  // The registry-wide history has them too.
  await page.getByTestId("nav-history").click();
  const version = page.locator(`[data-testid="history-row"][data-version="${usdVersion}"]`);
  await expect(version.getByTestId("version-message")).toHaveText("quote: dollars");
  await expect(version).toContainText(editor.email);
});

test("a diff of two versions shows the changed line", async ({ page }) => {
  // Per entry: pick A and B.
  await page.goto(entryHistoryPath(id));
  await page.getByLabel(`A: version ${created}`).check();
  await page.getByLabel(`B: version ${eurVersion}`).check();
  const entryDiff = page.getByTestId("entry-history-diff").getByTestId("source-diff");
  await waitForEditor(entryDiff);
  await expect(modifiedSide(entryDiff)).toContainText('currency = "EUR"');
  await expect(originalSide(entryDiff)).not.toContainText("currency");
  await expect(entryDiff.locator(".char-insert, .line-insert").first()).toBeVisible();

  // Registry-wide: tick two versions, compare.
  await page.goto("/history");
  await page.locator(`[data-testid="history-row"][data-version="${created}"]`).getByTestId("compare-pick").check();
  await page.locator(`[data-testid="history-row"][data-version="${usdVersion}"]`).getByTestId("compare-pick").check();
  await page.getByTestId("compare-button").click();
  await expect(page).toHaveURL(new RegExp(`/history/diff\\?from=${created}&to=${usdVersion}$`));
  const change = page.getByTestId("diff-view").locator(`[data-testid="change-item"][data-entry-id="${id}"]`);
  await expect(change).toHaveAttribute("data-op", "update");
  const diff = change.getByTestId("source-diff");
  await waitForEditor(diff);
  await expect(modifiedSide(diff)).toContainText('currency = "USD"');
  await expect(diff.locator(".char-insert, .line-insert").first()).toBeVisible();
  await tourScreenshot(page, "history-diff");
});

test("a rollback previews its change, then makes a new version with the old source", async ({ page, api }) => {
  await page.goto(`/history/${created}`);
  await page.getByTestId("rollback-button").click();
  const dialog = page.getByTestId("rollback-dialog");
  const preview = dialog.getByTestId("rollback-preview");
  await expect(preview.getByTestId("change-item")).toHaveCount(1);
  const change = preview.locator(`[data-testid="change-item"][data-entry-id="${id}"]`);
  await expect(change).toHaveAttribute("data-op", "update");
  const diff = change.getByTestId("source-diff");
  await waitForEditor(diff);
  await expect(originalSide(diff)).toContainText('currency = "USD"');
  await expect(modifiedSide(diff)).not.toContainText("currency");

  await dialog.getByTestId("rollback-message").fill("back to the original quote");
  await dialog.getByTestId("confirm-rollback").click();
  // The page moves on to the version the rollback made.
  await expect(page).toHaveURL(new RegExp(`/history/(?!${created}$)\\d+$`));
  const rolledBack = Number(new URL(page.url()).pathname.split("/").pop());
  expect(rolledBack).toBeGreaterThan(usdVersion);
  await expect(page.getByTestId("version-info")).toContainText(editor.email);
  await expect(page.locator(`[data-testid="change-item"][data-entry-id="${id}"]`)).toBeVisible();

  expect((await readEntry(api, id)).entry.data.source).toBe(QUOTE_SOURCE);
  const revisions = await entryRevisions(api, id);
  expect(revisions[0]?.version).toMatchObject({ id: rolledBack, message: "back to the original quote", author: editor.email });

  await page.goto(entryPath(id, "source"));
  const source = page.getByTestId("source-editor");
  await waitForEditor(source);
  await expect(source).toContainText("total = price * n }");
  await expect(source).not.toContainText("currency");
  await expect(page.getByTestId("entry-last-version")).toHaveText(`version ${rolledBack}`);
});

test("after a save the source's syntax status settles on 'no syntax errors'", async ({ page }) => {
  await page.goto(entryPath(id, "source"));
  const source = page.getByTestId("source-editor");
  await replaceEditorText(source, `${QUOTE_SOURCE}-- saved once more\n`);
  await expect(page.getByTestId("syntax-status")).toHaveAttribute("data-state", "ok");
  await page.getByTestId("save-button").click();
  await expect(page.getByTestId("save-notice")).toHaveAttribute("data-kind", "success");
  await expect(page.getByTestId("syntax-status")).toHaveAttribute("data-state", "ok", { timeout: 5_000 });
});
