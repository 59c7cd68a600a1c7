/* global process, console, URL */
/**
 * Renders a results file of `npm run bench` as Markdown tables (for BENCHMARKS.md), so that the
 * committed numbers are exactly the measured ones: `node bench/report.js [bench/results.json]`.
 */
import { readFileSync } from 'node:fs';
import { SCENARIOS } from './scenarios.js';

const file = process.argv[2] ?? new URL('./results.json', import.meta.url);
const results = JSON.parse(readFileSync(file, 'utf8'));
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const title = (id) => SCENARIOS.find((s) => s.id === id)?.title ?? id;
const out = [];
const table = (header, rows) => {
  out.push(`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`), '');
};
const modes = results.config.modes;

out.push(`Run: ${results.date} to ${results.finished} (${results.wallSeconds} s); load average at start ${results.machine.loadAverageAtStart.join(' ')}, at end ${results.loadAverageAtEnd.join(' ')}.`, '');

if (results.targets.length) {
  out.push('### Targets', '');
  table(
    ['adapter', 'scenario', 'ratio', 'target', 'median', 'per round', 'result', 'CPU ratio (cross-check)'],
    results.targets.map((t) => [t.adapter, title(t.scenario), `module / ${t.baseline}`, `>= ${t.target.toFixed(2)}`, `**${t.ratio.toFixed(2)}**`, t.rounds.map((r) => r.toFixed(2)).join(' '), t.met ? 'met' : '**not met**', t.cpuRatio.toFixed(2)]),
  );
}
for (const measured of results.throughput) {
  if (!measured.scenarios) continue;
  out.push(`### ${measured.adapter}: throughput`, '', `Median req/s over ${results.config.rounds} rounds of ${results.config.duration}; ratios are medians of the per-round ratios.`, '');
  const ratioKeys = ['enableCors/none', 'module/none', 'module/enableCors', 'decorated/none', 'dynamic/none'];
  table(
    ['scenario', ...modes, ...ratioKeys],
    SCENARIOS.map((s) => {
      const m = measured.scenarios[s.id];
      return [s.title, ...modes.map((mode) => fmt(m.medians[mode])), ...ratioKeys.map((k) => (m.ratios[k] ? m.ratios[k].median.toFixed(2) : ''))];
    }),
  );
  out.push(`### ${measured.adapter}: server CPU per request`, '', 'Median microseconds of server CPU (user + system) per request; ratios are baseline CPU / mode CPU per round, so higher is better, as for throughput.', '');
  table(
    ['scenario', ...modes, ...ratioKeys],
    SCENARIOS.map((s) => {
      const m = measured.scenarios[s.id];
      return [s.title, ...modes.map((mode) => m.cpuMedians[mode].toFixed(1)), ...ratioKeys.map((k) => (m.cpuRatios[k] ? m.cpuRatios[k].median.toFixed(2) : ''))];
    }),
  );
}
if (results.micro) {
  out.push('### Engine micro-benchmarks', '', 'Median ns/op over batches of about 100 ms, one process pinned to the server core.', '');
  table(['group', 'operation', 'ns/op'], results.micro.map((r) => [r.group, r.name, r.nsPerOp.toFixed(1)]));
}
if (results.memory) {
  const m = results.memory;
  out.push(
    '### Memory under distinct origins',
    '',
    `${m.adapter}, ${fmt(m.requestsPerPhase)} requests per phase, every \`Origin\` new; heap used after a full GC (\`--expose-gc\`). Startup heap ${m.startupHeapMb} MB. Bound: ${m.boundMb} MB of growth per phase.`,
    '',
  );
  table(
    ['phase', 'requests', 'req/s', 'heap before (MB)', 'heap after (MB)', 'growth (MB)', 'RSS after (MB)', 'within bound'],
    m.phases.map((p) => [p.title, fmt(p.requests), fmt(p.rps), p.heapBeforeMb, p.heapAfterMb, p.growthMb, p.rssAfterMb, p.withinBound ? 'yes' : '**no**']),
  );
  const c = m.phases.find((p) => p.cache)?.cache;
  if (c) {
    table(
      ['origin cache under the flood', 'value'],
      [
        ['real-origin lookups', fmt(c.realLookups)],
        ['real-origin hits', fmt(c.realHits)],
        ['real-origin hit rate', `${(c.realHitRate * 100).toFixed(3)}%`],
        ['origin function calls for real origins', fmt(c.realOriginFunctionCalls)],
        ['origin function calls for random origins', fmt(c.randomOriginFunctionCalls)],
        ['allowed entries / refused entries at the end', `${c.allowedSize} / ${fmt(c.refusedSize)}`],
      ],
    );
  }
}
if (results.problems.length) out.push('### Problems reported by the run', '', ...results.problems.map((p) => `- ${p}`), '');
console.log(out.join('\n'));
