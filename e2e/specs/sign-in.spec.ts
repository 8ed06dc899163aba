/** Signing in and out on the sign-in page; the setup page is closed once a user exists. */
import { failedResponse } from "../support/console-guard";
import { expect, test } from "../support/fixtures";
import { USERS } from "../support/users";

// A refused sign-in is a 401 from /api/auth, which Chromium logs as a failed resource.
test.use({ allowConsoleErrors: [failedResponse(401)] });

test("a wrong password shows an error and signs nobody in", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByTestId("sign-in-email").fill(USERS.editor.email);
  await page.getByTestId("sign-in-password").fill("not-the-password-1");
  await page.getByTestId("sign-in-submit").click();

  await expect(page.getByTestId("sign-in-error")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/sign-in$/);
  // Still signed out: a console page sends us back here.
  await page.goto("/history");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fhistory$/);
});

test("the right password signs in to the page asked for, and sign-out signs out", async ({ page }) => {
  await page.goto("/nodes");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fnodes$/);
  await page.getByTestId("sign-in-email").fill(USERS.editor.email);
  await page.getByTestId("sign-in-password").fill(USERS.editor.password);
  await page.getByTestId("sign-in-password").press("Enter");

  await expect(page).toHaveURL(/\/nodes$/);
  await expect(page.getByTestId("user-role")).toHaveText("editor");

  await page.getByTestId("user-menu").click();
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/registry");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fregistry$/);
});

test("the first-run setup page is closed once a user exists", async ({ page }) => {
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByTestId("setup-form")).toHaveCount(0);
});
