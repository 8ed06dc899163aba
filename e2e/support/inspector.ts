/**
 * The process inspector and the live log as the specs drive them: find a service's process in
 * the live table, open its page. Rows carry `data-service`, `data-pid` and `data-restarts`.
 */
import { expect, type Locator, type Page } from "@playwright/test";

/** The app's ticking service (e2e/app): it logs a line every second and one per message it gets. */
export const TICKER_SERVICE = "shop:ticker_service";

export interface AuditItem {
  action: string;
  target: string;
  summary: string;
  actor: { name: string };
}

export async function openProcesses(page: Page): Promise<void> {
  await page.goto("/registry");
  await page.getByTestId("nav-processes").click();
  await expect(page).toHaveURL(/\/processes$/);
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-connection", "live");
}

/** The table row of the process `service` runs as (searched for, so it is in view). */
export async function serviceRow(page: Page, service: string): Promise<Locator> {
  await page.getByTestId("process-search").fill(service);
  const row = page.locator(`[data-testid="process-row"][data-service="${service}"]`);
  await expect(row).toHaveCount(1);
  return row;
}

/** Opens the page of the process `service` runs as; answers its pid. */
export async function openServicePage(page: Page, service: string): Promise<string> {
  await openProcesses(page);
  const row = await serviceRow(page, service);
  const pid = (await row.getAttribute("data-pid")) ?? "";
  await row.getByTestId("process-link").click();
  await expect(page.getByTestId("process-page")).toHaveAttribute("data-pid", pid);
  return pid;
}
