/**
 * Project `setup`: the people of the suite, made the way a team would make them on a fresh
 * server — the first admin on the one-time setup page, then an editor, an approver, an operator
 * and a viewer on the admin's Users page — each signed in once on the sign-in page, with the
 * browser state stored for the specs (support/users.ts).
 */
import { mkdirSync } from "node:fs";
import { expect, test as setup } from "../support/fixtures";
import type { NodeInfo } from "../support/registry";
import { AUTH_DIR, storageStateOf, USERS, type Role } from "../support/users";

const CREATED_BY_ADMIN: readonly Role[] = ["editor", "approver", "operator", "viewer"];

setup.describe.configure({ mode: "serial" });

setup("the first admin is created on the first-run setup page", async ({ page, context, api }) => {
  mkdirSync(AUTH_DIR, { recursive: true });
  await page.goto("/");
  // A fresh server has no users: every page leads to the setup page.
  await expect(page).toHaveURL(/\/setup$/);
  const admin = USERS.admin;
  await page.getByTestId("setup-name").fill(admin.name);
  await page.getByTestId("setup-email").fill(admin.email);
  await page.getByTestId("setup-password").fill(admin.password);
  await page.getByTestId("setup-submit").click();

  await expect(page).toHaveURL(/\/registry/);
  await expect(page.getByTestId("user-role")).toHaveText("admin");
  await context.storageState({ path: storageStateOf("admin") });

  // The runtime node `wippy start` runs has dialled in and is listed.
  await expect.poll(async () => (await api.queryOrThrow<{ nodes: NodeInfo[] }>("nodes.list")).nodes.length, { timeout: 30_000 }).toBeGreaterThan(0);
});

setup("the admin adds an editor, an approver, an operator and a viewer on the Users page", async ({ openAs }) => {
  const page = await openAs("admin");
  await page.goto("/users");
  await expect(page.getByTestId("user-table")).toBeVisible();
  for (const role of CREATED_BY_ADMIN) {
    const user = USERS[role];
    const form = page.getByTestId("create-user-form");
    await form.getByTestId("new-user-name").fill(user.name);
    await form.getByTestId("new-user-email").fill(user.email);
    await form.getByTestId("new-user-password").fill(user.password);
    await form.getByTestId("new-user-role").selectOption(role);
    await form.getByTestId("create-user").click();
    const row = page.locator(`[data-testid="user-row"][data-email="${user.email}"]`);
    await expect(row).toBeVisible();
    await expect(row.getByTestId("user-role-select")).toHaveValue(role);
    // The form empties itself after a success: wait for it before the next user.
    await expect(form.getByTestId("new-user-email")).toHaveValue("");
  }
  await expect(page.getByTestId("user-row")).toHaveCount(CREATED_BY_ADMIN.length + 1);
});

for (const role of CREATED_BY_ADMIN) {
  setup(`the ${role} signs in on the sign-in page`, async ({ browser, baseURL, consoleGuard }) => {
    const context = await browser.newContext({ baseURL });
    consoleGuard.watchContext(context);
    const page = await context.newPage();
    const user = USERS[role];
    await page.goto("/registry");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fregistry$/);
    await page.getByTestId("sign-in-email").fill(user.email);
    await page.getByTestId("sign-in-password").fill(user.password);
    await page.getByTestId("sign-in-submit").click();
    await expect(page).toHaveURL(/\/registry$/);
    await expect(page.getByTestId("user-role")).toHaveText(role);
    await context.storageState({ path: storageStateOf(role) });
    await context.close();
  });
}
