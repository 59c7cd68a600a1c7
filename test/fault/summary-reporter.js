/* global process */
/**
 * Ends the fault suite's output with its duration and `N passed, N failed` (suites that could not
 * run count as failed): written when the process exits, after Jest's own summary.
 */
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const seconds = ((Date.now() - results.startTime) / 1000).toFixed(1);
    process.once('exit', () => process.stderr.write(`== fault suite: ${seconds} s\n${results.numPassedTests} passed, ${failed} failed\n`));
  }
}
