/**
 * The suite's `test`: Playwright's, plus
 *
 * - `consoleGuard` (automatic): every page of the test — the default one and those `openAs`
 *   opens — is watched, and the test fails at its end if any logged a console error or threw
 *   an unhandled error, unless the spec allowed that message (`allowConsoleErrors`).
 * - `openAs(role)`: a page in a new browser context signed in as that role (the state
 *   specs/auth.setup.ts stored), e.g. two people editing the same entry.
 * - `api`: the tRPC API with the default context's cookies (support/trpc.ts); `apiAs(role)`
 *   the same for another role.
 */
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { ConsoleGuard } from "./console-guard";
import { TrpcClient } from "./trpc";
import { storageStateOf, type Role } from "./users";

interface Fixtures {
  allowConsoleErrors: RegExp[];
  consoleGuard: ConsoleGuard;
  openAs: (role: Role) => Promise<Page>;
  api: TrpcClient;
  apiAs: (role: Role) => Promise<TrpcClient>;
}

export const test = base.extend<Fixtures>({
  allowConsoleErrors: [[], { option: true }],

  consoleGuard: [
    async ({ context, allowConsoleErrors }, use, testInfo) => {
      const guard = new ConsoleGuard(allowConsoleErrors);
      guard.watchContext(context);
      await use(guard);
      const problems = guard.report();
      if (problems.length > 0) await testInfo.attach("console-errors.txt", { body: problems.join("\n\n"), contentType: "text/plain" });
      expect(problems, "console errors or unhandled page errors during the test").toEqual([]);
    },
    { auto: true },
  ],

  openAs: async ({ browser, baseURL, consoleGuard }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (role) => {
      const context = await browser.newContext({ baseURL, storageState: storageStateOf(role) });
      contexts.push(context);
      consoleGuard.watchContext(context);
      return context.newPage();
    });
    for (const context of contexts) await context.close();
  },

  api: async ({ context, baseURL }, use) => {
    await use(new TrpcClient(context.request, baseURL ?? ""));
  },

  apiAs: async ({ playwright, baseURL }, use) => {
    const requests: Awaited<ReturnType<typeof playwright.request.newContext>>[] = [];
    await use(async (role) => {
      const request = await playwright.request.newContext({ baseURL, storageState: storageStateOf(role) });
      requests.push(request);
      return new TrpcClient(request, baseURL ?? "");
    });
    for (const request of requests) await request.dispose();
  },
});

export { expect };
