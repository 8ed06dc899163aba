/**
 * Team collaboration between people in separate browser contexts: an editor (A) and an admin
 * (B) open the same entry and see each other there, B's typing marks B as editing for A; B
 * saves and A gets a banner naming B, opens the diff and reloads; a comment from A appears for
 * B without a reload, and B's reply for A. Unsaved edits survive someone else's save (Merge
 * opens the three-way view). A tab that closes leaves at once. A workflow run's page and the
 * supervision canvas show who else is there too; a run has comments, the tree save notices. And a crash loop — a service of the spec's own that fails at every start
 * (e2e/app/collab) — reaches the activity feed live.
 *
 * A and B keep their pages for the whole file (Monaco loads once per person); each test makes
 * its own entry.
 */
import type { Browser, Locator, Page } from "@playwright/test";
import { e2eBaseUrl } from "../support/env";
import { expect, test } from "../support/fixtures";
import { modifiedSide, originalSide, replaceEditorText, waitForEditor } from "../support/monaco";
import { createQuoteCopy, entryPath, QUOTE_SOURCE, readEntry, uniqueName } from "../support/registry";
import { storageStateOf, USERS, type Role } from "../support/users";

const QTY_LINE = "    local n = qty or 1";
const THEIRS = QUOTE_SOURCE.replace(QTY_LINE, "    local n = qty or 2");
const YOURS = QUOTE_SOURCE.replace("    return { item = item, qty = n, total = price * n }", '    return { item = item, qty = n, total = price * n, currency = "EUR" }');

test.describe.configure({ mode: "serial" });
test.use({ storageState: storageStateOf("editor") });

let a: Page;
let b: Page;

async function openPerson(browser: Browser, role: Role): Promise<Page> {
  const context = await browser.newContext({ baseURL: e2eBaseUrl(), storageState: storageStateOf(role), viewport: { width: 1280, height: 900 } });
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

const person = (page: Page, role: Role): Locator => page.locator(`[data-testid="presence-person"][data-name="${USERS[role].name}"]`);

async function openSource(page: Page, id: string): Promise<Locator> {
  await page.goto(entryPath(id, "source"));
  const source = page.getByTestId("source-editor");
  await waitForEditor(source);
  await expect(source).toContainText(QTY_LINE.trim());
  return source;
}

async function save(page: Page, message: string): Promise<void> {
  await page.getByTestId("save-message").fill(message);
  await page.getByTestId("save-button").click();
  await expect(page.getByTestId("save-notice")).toHaveAttribute("data-kind", "success");
}

test("two editors see each other on an entry; B saves; A gets a banner, the diff, reloads; comments arrive live", async ({ api }) => {
  const { id } = await createQuoteCopy(api, uniqueName("quote_collab"));
  const sourceA = await openSource(a, id);
  await openSource(b, id);

  // Each sees the other, viewing.
  await expect(person(a, "admin")).toHaveAttribute("data-editing", "false");
  await expect(person(b, "editor")).toHaveAttribute("data-editing", "false");
  await expect(a.getByTestId("presence")).toHaveAttribute("data-count", "1");

  // B types: A sees B editing; B saves: A sees B viewing again, and the banner.
  await replaceEditorText(b.getByTestId("source-editor"), THEIRS);
  await expect(person(a, "admin")).toHaveAttribute("data-editing", "true");
  await expect(a.getByTestId("presence-editing")).toContainText(`${USERS.admin.name} is editing`);
  await save(b, "default quantity is 2");
  const saved = (await readEntry(api, id)).lastChange.version;
  await expect(person(a, "admin")).toHaveAttribute("data-editing", "false");

  const banner = a.getByTestId("saved-banner");
  await expect(banner).toHaveAttribute("data-version", String(saved));
  await expect(banner.getByTestId("saved-author")).toHaveText(USERS.admin.email);
  await expect(banner.getByTestId("saved-message")).toHaveText("“default quantity is 2”");
  await expect(banner).toHaveAttribute("data-dirty", "false");
  // Nobody else saved in B's eyes.
  await expect(b.getByTestId("saved-banner")).toHaveCount(0);
  // A's editor still shows what A opened: nothing is replaced under A's eyes.
  await expect(sourceA).toContainText("local n = qty or 1");

  await banner.getByTestId("saved-show-changes").click();
  const dialog = a.getByTestId("saved-changes-dialog");
  const diff = dialog.getByTestId("source-diff");
  await waitForEditor(diff);
  await expect(originalSide(diff)).toContainText("local n = qty or 1");
  await expect(modifiedSide(diff)).toContainText("local n = qty or 2");
  await dialog.getByTestId("saved-changes-close").click();
  await expect(dialog).toHaveCount(0);

  await banner.getByTestId("saved-reload").click();
  await expect(banner).toHaveCount(0);
  await expect(sourceA).toContainText("local n = qty or 2");
  await expect(a.getByTestId("dirty-state")).toHaveText("No changes");

  // A comments; B sees it without reloading, and answers.
  await expect(b.getByTestId("comments-empty")).toBeVisible();
  await a.getByTestId("comment-composer-text").fill("Why 2? Most orders are for one book.");
  await a.getByTestId("comment-composer-submit").click();
  const onB = b.locator('[data-testid="comment"]').filter({ hasText: "Why 2? Most orders are for one book." });
  await expect(onB).toHaveAttribute("data-author", USERS.editor.email);
  await expect(a.getByTestId("comment-composer-text")).toHaveValue("");
  await b.getByTestId("comment-composer-text").fill("Bulk orders: see the pricing meeting notes.");
  await b.getByTestId("comment-composer-text").press("Control+Enter");
  await expect(a.locator('[data-testid="comment"]').filter({ hasText: "Bulk orders" })).toHaveAttribute("data-author", USERS.admin.email);
  // A edits A's own comment; B sees the edit. A may not edit B's.
  const mine = a.locator('[data-testid="comment"]').filter({ hasText: "Why 2?" });
  await mine.getByTestId("comment-edit").click();
  await mine.getByTestId("comment-editor-text").fill("Why 2? Most orders are for a single book.");
  await mine.getByTestId("comment-editor-submit").click();
  await expect(b.locator('[data-testid="comment"]').filter({ hasText: "a single book" }).getByTestId("comment-edited")).toBeVisible();
  await expect(a.locator('[data-testid="comment"]').filter({ hasText: "Bulk orders" }).getByTestId("comment-edit")).toHaveCount(0);
});

test("unsaved edits survive someone else's save: Merge opens the three-way view with them", async ({ api }) => {
  const { id } = await createQuoteCopy(api, uniqueName("quote_collab_merge"));
  await openSource(a, id);
  await openSource(b, id);
  await replaceEditorText(a.getByTestId("source-editor"), YOURS);
  await expect(person(b, "editor")).toHaveAttribute("data-editing", "true");
  await replaceEditorText(b.getByTestId("source-editor"), THEIRS);
  await save(b, "two by default");

  const banner = a.getByTestId("saved-banner");
  await expect(banner).toHaveAttribute("data-dirty", "true");
  await expect(banner.getByTestId("saved-reload")).toHaveCount(0);
  await banner.getByTestId("saved-merge").click();
  const panel = a.getByTestId("conflict-panel");
  await expect(panel).toBeVisible();
  await expect(banner).toHaveCount(0);
  const diff = panel.getByTestId("conflict-diff");
  await waitForEditor(diff);
  await expect(originalSide(diff)).toContainText("local n = qty or 2");
  await expect(modifiedSide(diff)).toContainText('currency = "EUR"');
  // Take theirs (A chose to drop A's edit): the entry stays as B saved it.
  await panel.getByTestId("conflict-take-theirs").click();
  await expect(panel).toHaveCount(0);
  await expect(a.getByTestId("source-editor")).toContainText("local n = qty or 2");
  expect((await readEntry(api, id)).entry.data.source).toBe(THEIRS);
});

test("a tab that closes leaves at once", async ({ api, openAs }) => {
  const { id } = await createQuoteCopy(api, uniqueName("quote_collab_leave"));
  await openSource(a, id);
  const viewer = await openAs("viewer");
  await viewer.goto(entryPath(id));
  await expect(person(a, "viewer")).toBeVisible();
  await expect(person(viewer, "editor")).toBeVisible();
  // A viewer reads the comments but has nothing to write them with.
  await expect(viewer.getByTestId("comments-read-only")).toBeVisible();
  await viewer.close();
  await expect(person(a, "viewer")).toHaveCount(0);
  await expect(a.getByTestId("presence")).toHaveAttribute("data-count", "0");
});

test("a workflow run's page: who else has it open, and its comments live", async ({ apiAs, openAs }) => {
  const operator = await apiAs("operator");
  const { runId } = await operator.mutationOrThrow<{ runId: string }>("workflows.start", { workflow: "flows:order", args: [{ item: "kite", qty: 1 }] });
  const runPath = `/workflows/${encodeURIComponent(runId)}`;
  const olga = await openAs("operator");
  const vic = await openAs("viewer");
  await olga.goto(runPath);
  await vic.goto(runPath);
  await expect(person(olga, "viewer")).toBeVisible();
  await expect(person(vic, "operator")).toBeVisible();
  await olga.getByTestId("comment-composer-text").fill("Waiting for finance to approve this one.");
  await olga.getByTestId("comment-composer-submit").click();
  await expect(vic.locator('[data-testid="comment"]').filter({ hasText: "Waiting for finance" })).toHaveAttribute("data-author", USERS.operator.email);
  await expect(vic.getByTestId("comments-read-only")).toBeVisible();
  await expect(vic.getByTestId("comment-edit")).toHaveCount(0);
});

test("the supervision canvas shows who else draws, and a tree saved by someone else", async ({ apiAs }) => {
  await a.goto("/supervision");
  await b.goto("/supervision");
  await expect(person(a, "admin")).toBeVisible();
  await expect(person(b, "editor")).toBeVisible();
  const admin = await apiAs("admin");
  const id = `canvas:${uniqueName("collab_svc")}`;
  const created = await admin.mutationOrThrow<{ version: number }>("registry.create", {
    entry: { id, kind: "process.service", meta: {}, data: { process: "canvas:worker", host: "canvas:processes" } },
    message: "a service for the collaboration spec",
  });
  try {
    const banner = a.getByTestId("tree-saved-banner");
    await expect(banner).toHaveAttribute("data-version", String(created.version));
    await expect(banner.getByTestId("saved-author")).toHaveText(USERS.admin.email);
    // The clean canvas follows at once (no waiting for its 15 s refresh).
    await expect(a.locator(`[data-testid="supervision-node"][data-node-id="${id}"]`)).toBeVisible();
    await banner.getByTestId("tree-saved-show-changes").click();
    const dialog = a.getByTestId("saved-changes-dialog");
    await expect(dialog.locator(`[data-testid="change-item"][data-entry-id="${id}"]`)).toHaveAttribute("data-op", "create");
    await dialog.getByTestId("saved-changes-close").click();
    await banner.getByTestId("tree-saved-dismiss").click();
    await expect(banner).toHaveCount(0);
  } finally {
    await admin.mutationOrThrow("registry.delete", { id, message: "remove the collaboration spec's service" });
  }
});

test("a crash loop and the service giving up reach the activity feed live", async ({ page, api }) => {
  await page.goto("/feed?kind=incidents");
  await expect(page.getByTestId("feed-live")).toHaveAttribute("data-connection", "live");
  await expect(page.getByTestId("tab-incidents")).toHaveAttribute("aria-selected", "true");
  const id = `collab:${uniqueName("crasher")}`;
  await api.mutationOrThrow("registry.create", {
    entry: {
      id,
      kind: "process.service",
      meta: { comment: "made by the collaboration spec; deleted at its end" },
      data: {
        process: "collab:crasher",
        host: "collab:processes",
        lifecycle: { auto_start: true, restart: { initial_delay: "200ms", max_delay: "200ms", backoff_factor: 1, max_attempts: 5 } },
      },
    },
    message: `e2e: a crashing service ${id}`,
  });
  try {
    const loop = page.locator(`[data-testid="feed-item"][data-kind="crash_loop"][data-service="${id}"]`);
    await expect(loop).toBeVisible({ timeout: 30_000 });
    await expect(loop.getByTestId("feed-incident-message")).toContainText(`${id} restarted`);
    await expect(loop.getByTestId("feed-incident-message")).toContainText("collab crasher: failing on purpose");
    const failed = page.locator(`[data-testid="feed-item"][data-kind="service_failed"][data-service="${id}"]`);
    await expect(failed).toBeVisible({ timeout: 30_000 });
    await expect(failed.getByTestId("feed-incident-state")).toHaveText("still failed");
    // Giving up ended the loop: the item changes in place.
    await expect(loop.getByTestId("feed-incident-state")).toHaveText("ended");
    // Recorded once each, and still there after a reload (stored, not only pushed).
    await page.reload();
    await expect(loop).toHaveCount(1);
    await expect(failed).toHaveCount(1);
    // The top bar counts what is new since its list was last opened.
    await expect(page.getByTestId("feed-menu-count")).toBeVisible();
    await page.getByTestId("feed-menu").click();
    await expect(page.getByTestId("feed-menu-popup").locator(`[data-testid="feed-item"][data-service="${id}"]`).first()).toBeVisible();
    await expect(page.getByTestId("feed-menu-count")).toHaveCount(0);
  } finally {
    await api.mutationOrThrow("registry.delete", { id, message: `e2e: remove ${id}` });
  }
});
