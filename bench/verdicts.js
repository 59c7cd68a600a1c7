/**
 * Targets judged against measured results: every throughput target with both measures (req/s
 * and server CPU per request), and the heap-per-route bound.
 */
import { DISAGREE_THRESHOLD, HEAP_TARGET, TARGETS } from './targets.js';

/** Whether a req/s ratio and its CPU-per-request ratio differ by more than DISAGREE_THRESHOLD. */
export const disagree = (ratio, cpuRatio) => Math.abs(ratio - cpuRatio) > DISAGREE_THRESHOLD;

/** One entry per target, adapter and measured controller count (results files before issue 11 count as 20 controllers). */
export function judgeThroughput(throughput) {
  const entries = [];
  for (const target of TARGETS) {
    for (const measured of throughput) {
      const controllers = measured.controllers ?? 20;
      const key = `module/${target.baseline}`;
      const ratio = measured.scenarios?.[target.scenario]?.ratios[key];
      const cpuRatio = measured.scenarios?.[target.scenario]?.cpuRatios[key];
      if (controllers !== target.controllers || target[measured.adapter] === undefined || !ratio || !cpuRatio) continue;
      const bound = target[measured.adapter];
      entries.push({
        controllers,
        adapter: measured.adapter,
        scenario: target.scenario,
        baseline: target.baseline,
        source: target.source,
        target: bound,
        ratio: ratio.median,
        rounds: ratio.rounds,
        met: ratio.median >= bound,
        cpuRatio: cpuRatio.median,
        cpuRounds: cpuRatio.rounds,
        cpuMet: cpuRatio.median >= bound,
        disagree: disagree(ratio.median, cpuRatio.median),
      });
    }
  }
  return entries;
}

/** The heap bound per adapter and controller count, from HEAP_TARGET.minControllers up. */
export function judgeHeap(heap) {
  return (heap?.entries ?? [])
    .filter((e) => e.controllers >= HEAP_TARGET.minControllers && e.bytesPerRoute[HEAP_TARGET.mode] !== undefined)
    .map((e) => ({
      adapter: e.adapter,
      controllers: e.controllers,
      mode: HEAP_TARGET.mode,
      source: HEAP_TARGET.source,
      target: HEAP_TARGET.bytesPerRoute,
      bytesPerRoute: e.bytesPerRoute[HEAP_TARGET.mode],
      met: e.bytesPerRoute[HEAP_TARGET.mode] <= HEAP_TARGET.bytesPerRoute,
    }));
}
