/**
 * What each role sees and may do — viewer < operator < editor < admin — in the UI, and proof
 * that the server refuses the same thing when the UI is bypassed (a call made with the
 * browser's own cookies).
 */
import type { Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { replaceEditorText } from "../support/monaco";
import { createQuoteCopy, entryPath, QUOTE_SOURCE, readEntry, uniqueName, type EntryRead } from "../support/registry";
import type { TrpcClient } from "../support/trpc";
import { storageStateOf, USERS } from "../support/users";

/** A save of shop:quote as if the Save button were there, straight to the API. */
async function forceSave(api: TrpcClient) {
  const current = await api.queryOrThrow<EntryRead>("registry.get", { id: "shop:quote" });
  return api.mutation("registry.save", {
    id: "shop:quote",
    baseVersion: current.version,
    entry: { kind: current.entry.kind, meta: current.entry.meta, data: { ...current.entry.data, source: `${QUOTE_SOURCE}-- forced\n` } },
    message: "forced save",
  });
}

async function expectNoEditing(page: Page): Promise<void> {
  await page.goto(entryPath("shop:quote", "source"));
  await expect(page.getByTestId("entry-kind")).toHaveText("function.lua");
  await expect(page.getByTestId("read-only-notice")).toBeVisible();
  await expect(page.getByTestId("save-button")).toHaveCount(0);
  await expect(page.getByTestId("rename-entry")).toHaveCount(0);
  await expect(page.getByTestId("delete-entry")).toHaveCount(0);
  await page.goto("/registry");
  await expect(page.getByTestId("entry-table")).toBeVisible();
  await expect(page.getByTestId("create-entry")).toHaveCount(0);
}

test.describe("viewer", () => {
  test.use({ storageState: storageStateOf("viewer") });

  test("reads everything but has no save or run controls", async ({ page }) => {
    await expectNoEditing(page);
    const nav = page.getByTestId("side-nav");
    await expect(nav.getByTestId("nav-registry")).toBeVisible();
    await expect(nav.getByTestId("nav-history")).toBeVisible();
    await expect(nav.getByTestId("nav-nodes")).toBeVisible();
    await expect(nav.getByTestId("nav-audit")).toHaveCount(0);
    await expect(nav.getByTestId("nav-users")).toHaveCount(0);

    await page.goto(entryPath("shop:quote", "run"));
    await expect(page.getByTestId("run-panel")).toContainText("Running functions needs the operator role.");
    await expect(page.getByTestId("run-button")).toBeDisabled();

    await page.goto("/history/1");
    await expect(page.getByTestId("version-info")).toBeVisible();
    await expect(page.getByTestId("rollback-button")).toHaveCount(0);
  });

  test("a forced save, run or rollback is refused by the server", async ({ api }) => {
    const before = await readEntry(api, "shop:quote");
    const save = await forceSave(api);
    expect(save).toMatchObject({ ok: false, status: 403, code: "FORBIDDEN", message: "this needs the editor role; you are a viewer" });
    const run = await api.mutation("functions.run", { id: "shop:quote", args: ["book"] });
    expect(run).toMatchObject({ ok: false, status: 403, code: "FORBIDDEN", message: "this needs the operator role; you are a viewer" });
    const rollback = await api.mutation("history.rollback", { to: 1 });
    expect(rollback).toMatchObject({ ok: false, status: 403, code: "FORBIDDEN" });
    expect((await readEntry(api, "shop:quote")).version).toBe(before.version);
  });
});

test.describe("operator", () => {
  test.use({ storageState: storageStateOf("operator") });

  test("can run functions but not save", async ({ page }) => {
    await expectNoEditing(page);
    await expect(page.getByTestId("nav-users")).toHaveCount(0);
    await page.goto(entryPath("shop:quote", "run"));
    await page.getByTestId("run-args").fill('["pen"]');
    await page.getByTestId("run-button").click();
    await expect(page.getByTestId("run-result")).toHaveAttribute("data-ok", "true");
    await expect(page.getByTestId("run-value")).toContainText('"total": 2');
  });

  test("a forced save is refused by the server; a run is allowed", async ({ api }) => {
    expect(await forceSave(api)).toMatchObject({ ok: false, status: 403, code: "FORBIDDEN", message: "this needs the editor role; you are an operator" });
    const run = await api.mutation<{ reply: { ok: boolean } }>("functions.run", { id: "shop:quote", args: ["pen", 2] });
    expect(run).toMatchObject({ ok: true, data: { reply: { ok: true, value: { total: 4 } } } });
  });
});

test.describe("editor", () => {
  test.use({ storageState: storageStateOf("editor") });

  test("can save but cannot see or manage users", async ({ page, api }) => {
    const { id } = await createQuoteCopy(api, uniqueName("quote_roles"));
    await page.goto(entryPath(id, "source"));
    await replaceEditorText(page.getByTestId("source-editor"), `${QUOTE_SOURCE}-- checked by the roles spec\n`);
    await page.getByTestId("save-message").fill("editors save");
    await page.getByTestId("save-button").click();
    await expect(page.getByTestId("save-notice")).toHaveAttribute("data-kind", "success");
    await expect(page.getByTestId("create-entry")).toHaveCount(0); // only on the list page
    await page.goto("/registry");
    await expect(page.getByTestId("create-entry")).toBeVisible();

    const nav = page.getByTestId("side-nav");
    await expect(nav.getByTestId("nav-audit")).toBeVisible();
    await expect(nav.getByTestId("nav-users")).toHaveCount(0);
    await page.goto("/users");
    await expect(page.getByTestId("users-forbidden")).toBeVisible();
    await expect(page.getByTestId("user-table")).toHaveCount(0);
  });

  test("a forced user listing or creation is refused by the server", async ({ api }) => {
    expect(await api.query("users.list")).toMatchObject({ ok: false, status: 403, code: "FORBIDDEN", message: "this needs the admin role; you are an editor" });
    const create = await api.mutation("users.create", { name: "Mallory", email: "mallory@example.com", password: "mallory-pass-123", role: "admin" });
    expect(create).toMatchObject({ ok: false, status: 403, code: "FORBIDDEN" });
  });
});

test.describe("admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("manages users", async ({ page, api }) => {
    await page.goto("/registry");
    await page.getByTestId("side-nav").getByTestId("nav-users").click();
    await expect(page).toHaveURL(/\/users$/);
    for (const user of Object.values(USERS)) {
      const row = page.locator(`[data-testid="user-row"][data-email="${user.email}"]`);
      await expect(row.getByTestId("user-role-select")).toHaveValue(user.role);
    }
    const users = await api.queryOrThrow<{ email: string }[]>("users.list");
    expect(users.map((u) => u.email).sort()).toEqual(Object.values(USERS).map((u) => u.email).sort());
  });
});
