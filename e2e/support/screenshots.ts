/**
 * Screenshots for the README tour, written to docs/screenshots/ by the specs that reach each
 * page in the state worth showing — only when asked (`WIPPY_E2E_SCREENSHOTS=1`), so that a
 * test run does not rewrite committed images.
 */
import path from "node:path";
import type { Page } from "@playwright/test";
import { readE2eEnv, REPO_ROOT } from "./env";

export const SCREENSHOT_DIR = path.join(REPO_ROOT, "docs", "screenshots");

export type TourShot = "registry-list" | "entry-editor" | "history-diff" | "conflict-panel" | "nodes" | "workflow-list" | "workflow-run" | "supervision" | "processes" | "process-page" | "logs" | "change-inbox" | "change-review" | "change-stale";

/**
 * The page from its top (the console scrolls inside its main area, and clicking into an editor
 * scrolls it). `height` grows the viewport for the shot, for pages taller than 800 px.
 */
export async function tourScreenshot(page: Page, name: TourShot, opts: { height?: number } = {}): Promise<void> {
  if (!readE2eEnv().screenshots) return;
  const viewport = page.viewportSize();
  if (opts.height && viewport) await page.setViewportSize({ width: viewport.width, height: opts.height });
  await page.evaluate(() => {
    document.querySelector('[data-testid="main"]')?.scrollTo(0, 0);
    window.scrollTo(0, 0);
  });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `tour-${name}.png`), caret: "hide", animations: "disabled" });
  if (opts.height && viewport) await page.setViewportSize(viewport);
}
