/**
 * Writes the run's counts as `{passed, failed, skipped}` to `WIPPY_SUMMARY_FILE` (when set), the
 * same shape as the vitest summary, so `npm test` (scripts/test.mjs) can add the browser specs
 * to its closing `N passed, N failed` line. A test that failed, timed out or was interrupted
 * counts as failed; a run that failed outside any test (the global setup) counts one failure.
 */
import { writeFileSync } from "node:fs";
import type { FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";

export default class SummaryReporter implements Reporter {
  private readonly outcomes = new Map<string, ReturnType<TestCase["outcome"]>>();

  onTestEnd(test: TestCase, _result: TestResult): void {
    // The last result wins (retries are off, but a retried test would end here once more).
    this.outcomes.set(test.id, test.outcome());
  }

  onEnd(result: FullResult): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const outcome of this.outcomes.values()) {
      if (outcome === "expected" || outcome === "flaky") passed++;
      else if (outcome === "skipped") skipped++;
      else failed++;
    }
    if (result.status !== "passed" && failed === 0) failed = 1;
    const file = process.env.WIPPY_SUMMARY_FILE;
    if (file) writeFileSync(file, JSON.stringify({ passed, failed, skipped }));
  }
}
