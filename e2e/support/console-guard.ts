/**
 * Fails a spec on any console error or unhandled page error (an uncaught exception or an
 * unhandled promise rejection) in any page it opened.
 *
 * A spec that provokes an error on purpose — a refused sign-in answers 401, a stale save 409,
 * and Chromium logs every failed response as a console error — lists exactly those messages in
 * `allowConsoleErrors`; anything else still fails it.
 */
import type { BrowserContext, ConsoleMessage, Page } from "@playwright/test";

export interface PageProblem {
  kind: "console.error" | "pageerror";
  text: string;
  where: string;
}

export class ConsoleGuard {
  private readonly problems: PageProblem[] = [];
  private readonly watched = new WeakSet<Page>();

  constructor(private readonly allowed: readonly RegExp[]) {}

  watchContext(context: BrowserContext): void {
    for (const page of context.pages()) this.watchPage(page);
    context.on("page", (page) => this.watchPage(page));
  }

  watchPage(page: Page): void {
    if (this.watched.has(page)) return;
    this.watched.add(page);
    page.on("console", (msg: ConsoleMessage) => {
      if (msg.type() !== "error") return;
      const { url, lineNumber } = msg.location();
      this.record({ kind: "console.error", text: msg.text(), where: url ? `${url}:${lineNumber}` : page.url() });
    });
    page.on("pageerror", (error) => {
      this.record({ kind: "pageerror", text: `${error.name}: ${error.message}${error.stack ? `\n${error.stack}` : ""}`, where: page.url() });
    });
  }

  private record(problem: PageProblem): void {
    if (this.allowed.some((pattern) => pattern.test(problem.text))) return;
    this.problems.push(problem);
  }

  /** What went wrong, one line per problem (empty when nothing did). */
  report(): string[] {
    return this.problems.map((p) => `${p.kind} at ${p.where}: ${p.text}`);
  }
}

/** The console error Chromium logs for a response with this HTTP status (e.g. 401, 409). */
export function failedResponse(status: number): RegExp {
  return new RegExp(`^Failed to load resource: the server responded with a status of ${status}\\b`);
}
