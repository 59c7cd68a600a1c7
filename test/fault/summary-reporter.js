/* global process */
/**
 * Ends the fault suite's output with its duration and `N passed, N failed` (suites that could not
 * run count as failed). Written to stderr after Jest's own summary, which goes there too.
 */
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stderr.write(`== fault suite: ${((Date.now() - results.startTime) / 1000).toFixed(1)} s\n`);
    process.stderr.write(`${results.numPassedTests} passed, ${failed} failed\n`);
  }
}
