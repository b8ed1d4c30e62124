import type { Reporter, TestModule } from "vitest/node";

/**
 * Ends `npm test` with the line "N passed, N failed" (skipped tests, if any, on the line before) so the project's test script can add up totals.
 * A file that fails to load, or an unhandled error, counts as one failure.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const m of testModules) {
      let any = false;
      for (const t of m.children.allTests()) {
        any = true;
        const state = t.result().state;
        if (state === "passed") passed += 1;
        else if (state === "failed") failed += 1;
        else skipped += 1;
      }
      if (!any && m.state() === "failed") failed += 1;
    }
    process.stdout.write(`\n${skipped ? `${skipped} skipped\n` : ""}${passed} passed, ${failed} failed\n`);
  }
}
