/* global process, console, URL */
/**
 * Renders a results file of `npm run bench` as Markdown tables (for BENCHMARKS.md), so that the
 * committed numbers are exactly the measured ones: `node bench/report.js [bench/results.json]`.
 */
import { readFileSync } from 'node:fs';
import { RATIO_LEGEND, disagreements, heapTable, markdown, targetTable, throughputTables } from './tables.js';
import { DISAGREE_THRESHOLD } from './targets.js';
import { judgeHeap, judgeThroughput } from './verdicts.js';

const file = process.argv[2] ?? new URL('./results.json', import.meta.url);
const results = JSON.parse(readFileSync(file, 'utf8'));
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const out = [];
const table = (t) => out.push(markdown(t), '');

out.push(`Run: ${results.date} to ${results.finished} (${results.wallSeconds} s); load average at start ${results.machine.loadAverageAtStart.join(' ')}, at end ${results.loadAverageAtEnd.join(' ')}.`, '');

const targets = judgeThroughput(results.throughput);
if (targets.length) {
  out.push('### Targets', '', 'Judged on req/s; the ratio of server CPU per request (baseline / module) is judged beside it. "!": the two differ by more than the flag threshold.', '');
  table(targetTable(targets));
}
if (results.throughput.length) {
  out.push('### Throughput and server CPU per request', '', RATIO_LEGEND, '');
  for (const t of throughputTables(results.throughput, results.config.rounds, results.config.duration)) {
    out.push(`#### ${t.title}`, '');
    table(t);
  }
  out.push(`Ratios whose req/s and CPU measures disagree by more than ${DISAGREE_THRESHOLD}:`, '', ...disagreements(results.throughput).map((line) => `- ${line}`), '');
}
if (results.heap) {
  out.push(
    '### Heap per route after startup',
    '',
    `Heap used after repeated full GCs (\`--expose-gc\`), the app listening and no request sent; median of ${results.heap.repeats} fresh processes per adapter, count and mode. ` +
      'B/route = (mode - none) / routes; at the margin = the same difference between this count and the previous one, so the fixed cost of the module cancels. Startup: seconds from spawn to listening (median).',
    '',
  );
  table(heapTable(results.heap, judgeHeap(results.heap)));
}
if (results.micro) {
  out.push('### Engine micro-benchmarks', '', 'Median ns/op over batches of about 100 ms, one process pinned to the server core.', '');
  table({ header: ['group', 'operation', 'ns/op'], rows: results.micro.map((r) => [r.group, r.name, r.nsPerOp.toFixed(1)]) });
}
if (results.memory) {
  const m = results.memory;
  out.push(
    '### Memory under distinct origins',
    '',
    `${m.adapter}, ${fmt(m.requestsPerPhase)} requests per phase, every \`Origin\` new; heap used after a full GC (\`--expose-gc\`). Startup heap ${m.startupHeapMb} MB. Bound: ${m.boundMb} MB of growth per phase.`,
    '',
  );
  table({
    header: ['phase', 'requests', 'req/s', 'heap before (MB)', 'heap after (MB)', 'growth (MB)', 'RSS after (MB)', 'within bound'],
    rows: m.phases.map((p) => [p.title, fmt(p.requests), fmt(p.rps), p.heapBeforeMb, p.heapAfterMb, p.growthMb, p.rssAfterMb, p.withinBound ? 'yes' : '**no**']),
  });
  const c = m.phases.find((p) => p.cache)?.cache;
  if (c) {
    table({
      header: ['origin cache under the flood', 'value'],
      rows: [
        ['real-origin lookups', fmt(c.realLookups)],
        ['real-origin hits', fmt(c.realHits)],
        ['real-origin hit rate', `${(c.realHitRate * 100).toFixed(3)}%`],
        ['origin function calls for real origins', fmt(c.realOriginFunctionCalls)],
        ['origin function calls for random origins', fmt(c.randomOriginFunctionCalls)],
        ['allowed entries / refused entries at the end', `${c.allowedSize} / ${fmt(c.refusedSize)}`],
      ],
    });
  }
}
if (results.problems.length) out.push('### Problems reported by the run', '', ...results.problems.map((p) => `- ${p}`), '');
console.log(out.join('\n'));
