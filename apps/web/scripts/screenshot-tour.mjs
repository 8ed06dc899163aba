/**
 * The README tour: drives the control plane in Debian's Chromium and saves one screenshot per
 * step (docs/screenshots/NN-name.png) — first-run setup, the registry, Lua editing with a
 * syntax error refused then fixed, completion and hover, the form and YAML views, references,
 * running a function, a stale-save conflict between two browsers and its merge, history, a
 * diff, per-entry history, rollback, create/rename/delete, nodes, audit, users, a viewer's
 * read-only view, a narrow screen, and a form edit's structured diff. It prints every console error, page error and failed
 * request it saw.
 *
 * It needs a fresh control plane (no users yet) with examples/hello, supervision-tree and
 * order-workflow applied and one runtime node connected, e.g. with a scratch database:
 *
 *   DATABASE_URL=… PORT=3177 npx tsx apps/web/server/main.ts &
 *   DATABASE_URL=… npx wippy apply examples/hello   (and the two others)
 *   DATABASE_URL=… npx wippy start --no-web examples/hello &
 *   node apps/web/scripts/screenshot-tour.mjs http://localhost:3177 docs/screenshots
 */
import { chromium } from "playwright-core";
import { mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const BASE = process.argv[2] ?? "http://localhost:3100";
const OUT = path.resolve(process.argv[3] ?? "docs/screenshots");
const CHROMIUM = "/usr/bin/chromium";
/** The admin's signed-in session, shared by the browser contexts of one run. */
const STATE = path.join(os.tmpdir(), `wippy-tour-${process.pid}.json`);
mkdirSync(OUT, { recursive: true });

function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

function watch(page, problems) {
  page.on("console", (m) => (m.type() === "error" || m.type() === "warning") && problems.push(`[console.${m.type()}] ${page.url()} ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`[pageerror] ${page.url()} ${e.message}`));
  page.on("response", (r) => r.status() >= 400 && problems.push(`[http ${r.status()}] ${r.url()}`));
}

async function shot(page, name, opts = {}) {
  await page.waitForTimeout(opts.wait ?? 400);
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: opts.fullPage ?? false });
  console.log("shot", name);
}

const problems = [];
const browser = await launch();
const vp = { width: 1360, height: 850 };
const step = (s) => console.log("step:", s);
const entry = (id, tab) => `${BASE}/registry/${encodeURIComponent(id)}${tab ? `?tab=${tab}` : ""}`;
const ready = (p, id) => p.locator(`[data-testid=${id}][data-ready=true]`).first().waitFor({ timeout: 30000 });

step("setup");
const ctx = await browser.newContext({ viewport: vp });
const page = await ctx.newPage(); watch(page, problems);
await page.goto(`${BASE}/registry`);
await page.waitForURL(/\/setup/);
await page.getByTestId("setup-form").waitFor();
await shot(page, "01-setup");
await page.getByTestId("setup-name").fill("Ada Admin");
await page.getByTestId("setup-email").fill("ada@example.com");
await page.getByTestId("setup-password").fill("correct horse battery");
await page.getByTestId("setup-submit").click();
await page.waitForURL(/\/registry/);
await page.getByTestId("entry-table").waitFor();
await shot(page, "02-registry");
await ctx.storageState({ path: STATE });

step("search + filters");
await page.keyboard.press("Control+k");
await page.keyboard.type("greet");
await page.waitForURL(/search=greet/);
await page.getByTestId("namespace-pipeline").click();
await page.waitForURL(/ns=pipeline/);
await page.waitForTimeout(500);
await shot(page, "03-registry-filtered");

step("source, error, fix, save");
await page.goto(entry("app:hello", "source"));
const src = page.locator("[data-testid=source-editor]");
await ready(page, "source-editor");
await page.getByTestId("syntax-status").filter({ hasText: "No syntax errors" }).waitFor();
await shot(page, "04-entry-source");
await src.locator(".view-lines").click();
await page.keyboard.press("Control+End");
const bad = "\nlocal broken = = 1";
await page.keyboard.type(bad);
await page.locator('[data-testid=source-editor][data-markers="1"]').waitFor();
await page.getByTestId("save-button").click();
await page.locator('[data-testid=save-notice][data-kind=error]').waitFor();
await shot(page, "05-syntax-error-save-refused", { wait: 600 });
await src.locator(".view-lines").click();
await page.keyboard.press("Control+End");
for (let i = 0; i < bad.length; i++) await page.keyboard.press("Backspace");
await page.keyboard.type("\n-- tuned from the control plane");
await page.getByTestId("syntax-status").filter({ hasText: "No syntax errors" }).waitFor();
await page.getByTestId("save-message").fill("note where the greeting comes from");
await page.keyboard.press("Control+s");
await page.locator('[data-testid=save-notice][data-kind=success]').waitFor({ timeout: 15000 });
step("completion + hover");
await src.locator(".view-lines").click();
await page.keyboard.press("Control+End");
await page.keyboard.type("\nprocess.spawn");
await page.waitForSelector(".suggest-widget.visible");
const last = await page.locator("[data-testid=source-editor] .view-line").last().boundingBox();
await page.mouse.move(last.x + 90, last.y + 8);
await page.waitForTimeout(2000);
await shot(page, "06-completion-hover");
await page.keyboard.press("Escape");
await page.getByTestId("discard-button").click();

step("form, yaml, references, run");
await page.goto(entry("app:greeter_service", "form"));
await page.getByTestId("entry-form").waitFor();
await shot(page, "07-entry-form");
await page.goto(entry("app:greeting", "yaml"));
await ready(page, "yaml-editor");
await page.locator("[data-testid=yaml-editor] .view-lines").click();
await page.keyboard.press("Control+End");
await page.keyboard.type("    bad: a: b");
await page.getByTestId("save-button").click();
await page.getByTestId("yaml-errors").waitFor();
await shot(page, "08-yaml-error", { wait: 600 });
await page.getByTestId("discard-button").click();
await page.goto(entry("app:processes", "references"));
await page.getByTestId("references-panel").waitFor();
await shot(page, "09-references");
await page.goto(entry("app:hello", "run"));
await page.getByTestId("run-args").fill('["Ada"]');
await page.getByTestId("run-button").click();
await page.getByTestId("run-result").waitFor({ timeout: 20000 });
console.log("run:", await page.getByTestId("run-result").innerText());
await shot(page, "10-run-result");

step("conflict between two browsers");
const ctxB = await browser.newContext({ viewport: vp, storageState: STATE });
const b = await ctxB.newPage(); watch(b, problems);
for (const p of [page, b]) { await p.goto(entry("app:hello", "source")); await ready(p, "source-editor"); await p.getByTestId("syntax-status").filter({ hasText: "No syntax errors" }).waitFor(); }
await page.locator("[data-testid=source-editor] .view-lines").click();
await page.keyboard.press("Control+Home");
await page.keyboard.type("-- reviewed by A\n");
await page.getByTestId("syntax-status").filter({ hasText: "No syntax errors" }).waitFor();
await page.getByTestId("save-message").fill("A reviews");
await page.getByTestId("save-button").click();
await page.locator('[data-testid=save-notice][data-kind=success]').waitFor();
await b.locator("[data-testid=source-editor] .view-lines").click();
await b.keyboard.press("Control+End");
await b.keyboard.type("\n-- reviewed by B");
await b.getByTestId("syntax-status").filter({ hasText: "No syntax errors" }).waitFor();
await b.getByTestId("save-message").fill("B reviews");
await b.getByTestId("save-button").click();
await b.getByTestId("conflict-panel").waitFor();
await ready(b, "conflict-diff");
await b.getByTestId("conflict-panel").scrollIntoViewIfNeeded();
await shot(b, "11-conflict", { wait: 3000 });
await b.getByTestId("conflict-open-merge").click();
await ready(b, "merge-editor");
await b.locator("[data-testid=merge-editor] .editor.modified .view-lines").click();
await b.keyboard.press("Control+Home");
await b.keyboard.type("-- reviewed by A\n");
await b.waitForTimeout(800);
await shot(b, "12-merge", { wait: 800 });
await b.getByTestId("conflict-save-merge").click();
await b.locator('[data-testid=save-notice][data-kind=success]').waitFor({ timeout: 20000 });
await ctxB.close();

step("history, version, diff, entry history, rollback");
await page.goto(`${BASE}/history`);
await page.getByTestId("history-row").first().waitFor();
await page.getByTestId("compare-pick").nth(0).check();
await page.getByTestId("compare-pick").nth(3).check();
await shot(page, "13-history");
await page.getByTestId("version-link").first().click();
await page.getByTestId("version-changes").waitFor();
await ready(page, "source-diff");
await shot(page, "14-version", { wait: 3000 });
await page.goto(`${BASE}/history/diff?from=3&to=6`);
await page.getByTestId("diff-view").waitFor();
await ready(page, "source-diff");
await shot(page, "15-diff", { wait: 3000 });
await page.goto(`${BASE}/registry/${encodeURIComponent("app:hello")}/history`);
await ready(page, "source-diff");
await shot(page, "16-entry-history", { wait: 3000 });
await page.goto(`${BASE}/history/3`);
await page.getByTestId("rollback-button").click();
await page.getByTestId("rollback-preview").locator("[data-testid=source-diff][data-ready=true]").first().waitFor();
await page.waitForTimeout(3000);
await shot(page, "17-rollback-preview");
await page.getByTestId("confirm-rollback").click();
await page.waitForURL(/\/history\/7/);
await page.getByTestId("version-info").waitFor();
await ready(page, "source-diff");
await shot(page, "18-rolled-back", { wait: 3000 });

step("create, rename, delete");
await page.goto(`${BASE}/registry`);
await page.getByTestId("create-entry").click();
await page.getByTestId("create-name").fill("shout");
await shot(page, "19-create-entry");
await page.getByTestId("confirm-create").click();
await page.waitForURL(/app%3Ashout/);
await ready(page, "source-editor");
await page.goto(entry("app:processes", "form"));
await page.getByTestId("rename-entry").click();
await page.getByTestId("rename-referrers").waitFor();
await page.getByTestId("rename-new-id").fill("app:workers");
await shot(page, "20-rename");
await page.keyboard.press("Escape");
await page.getByTestId("delete-entry").click();
await page.getByTestId("delete-blocked").waitFor();
await shot(page, "21-delete-blocked");
await page.keyboard.press("Escape");

step("nodes, audit, users");
await page.goto(`${BASE}/nodes`);
await page.getByTestId("node-row").first().waitFor({ timeout: 15000 }).catch(() => console.log("no node rows"));
await page.waitForTimeout(1500);
await shot(page, "22-nodes");
await page.goto(`${BASE}/audit`);
await page.getByTestId("audit-row").first().waitFor();
await page.locator('[data-testid=audit-row][data-action="registry.save"]').first().locator("button").click();
await shot(page, "23-audit");
await page.goto(`${BASE}/users`);
await page.getByTestId("user-table").waitFor();
await page.getByTestId("new-user-name").fill("Vic Viewer");
await page.getByTestId("new-user-email").fill("vic@example.com");
await page.getByTestId("new-user-password").fill("viewer password 1");
await page.getByTestId("create-user").click();
await page.locator('[data-testid=user-row][data-email="vic@example.com"]').waitFor();
await shot(page, "24-users");

step("viewer");
const ctxV = await browser.newContext({ viewport: vp });
const v = await ctxV.newPage(); watch(v, problems);
await v.goto(entry("app:hello"));
await v.waitForURL(/sign-in/);
await v.getByTestId("sign-in-email").fill("vic@example.com");
await v.getByTestId("sign-in-password").fill("viewer password 1");
await shot(v, "25-sign-in");
await v.getByTestId("sign-in-submit").click();
await v.waitForURL(/app%3Ahello/);
await ready(v, "source-editor");
await v.getByTestId("user-menu").click();
await shot(v, "26-viewer-read-only", { wait: 800 });
await v.getByTestId("sign-out").click();
await v.waitForURL(/sign-in/);

step("narrow");
const ctxN = await browser.newContext({ viewport: { width: 420, height: 860 }, storageState: STATE });
const n = await ctxN.newPage(); watch(n, problems);
await n.goto(`${BASE}/registry`);
await n.getByTestId("entry-table").waitFor();
await shot(n, "27-narrow-registry");
await n.goto(entry("app:hello", "source"));
await ready(n, "source-editor");
await shot(n, "28-narrow-entry", { wait: 800 });

step("form edit → structured diff");
await page.goto(entry("app:greeting", "form"));
await page.getByTestId("entry-form").waitFor();
const data = page.getByTestId("field-data-all");
await data.fill((await data.inputValue()).replace('"Hello"', '"Howdy"'));
await page.getByTestId("field-meta-title").fill("The greeting");
await page.getByTestId("save-message").fill("friendlier greeting");
await page.keyboard.press("Control+s");
await page.locator("[data-testid=save-notice][data-kind=success]").waitFor();
const saved = /version (\d+)/.exec(await page.getByTestId("save-notice").innerText())?.[1];
await page.goto(`${BASE}/history/${saved}`);
await page.getByTestId("version-changes").waitFor();
await shot(page, "29-data-diff", { wait: 800 });

await browser.close();
rmSync(STATE, { force: true });
console.log(problems.join("\n") || "no problems");
