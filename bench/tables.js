/**
 * The result tables of the benchmark as header + rows, shared by `run.js` (plain text on
 * stdout) and `report.js` (Markdown for BENCHMARKS.md), with a renderer for each.
 */
import { ROUTES_PER_CONTROLLER } from './app.js';
import { SCENARIOS } from './scenarios.js';
import { DISAGREE_THRESHOLD } from './targets.js';
import { disagree } from './verdicts.js';

const RATIO_KEYS = ['enableCors/none', 'module/none', 'module/enableCors', 'decorated/none', 'dynamic/none', 'observed/module', 'reportOnly/module'];
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const title = (id) => SCENARIOS.find((s) => s.id === id)?.title ?? id;
const FLAG = ' !';

/** A ratio cell: req/s ratio / CPU ratio, flagged when they disagree. */
const ratioCell = (ratio, cpuRatio) => `${ratio.toFixed(2)} / ${cpuRatio.toFixed(2)}${disagree(ratio, cpuRatio) ? FLAG : ''}`;

/** What the flag and the two numbers of a ratio cell mean. */
export const RATIO_LEGEND =
  `Mode cells: median req/s (median server CPU us per request). Ratio cells: req/s ratio / CPU ratio, each the median of per-round ratios; ` +
  `the CPU ratio is baseline CPU / mode CPU per request, so higher is better for both. "${FLAG.trim()}": the two differ by more than ${DISAGREE_THRESHOLD}.`;

/** One table per controller count, every adapter and scenario in it, req/s and CPU side by side. */
export function throughputTables(throughput, rounds, duration) {
  const counts = [...new Set(throughput.map((m) => m.controllers ?? 20))];
  return counts.map((controllers) => {
    const measured = throughput.filter((m) => (m.controllers ?? 20) === controllers && m.scenarios);
    const modes = [...new Set(measured.flatMap((m) => m.modes ?? Object.keys(Object.values(m.scenarios)[0].medians)))];
    const keys = RATIO_KEYS.filter((k) => measured.some((m) => Object.values(m.scenarios).some((s) => s.ratios[k])));
    const rows = [];
    for (const m of measured) {
      for (const [id, s] of Object.entries(m.scenarios)) {
        rows.push([
          m.adapter,
          title(id),
          ...modes.map((mode) => (s.medians[mode] === undefined ? '' : `${fmt(s.medians[mode])} (${s.cpuMedians[mode].toFixed(1)})`)),
          ...keys.map((k) => (s.ratios[k] ? ratioCell(s.ratios[k].median, s.cpuRatios[k].median) : '')),
        ]);
      }
    }
    const path = measured[0]?.path ?? '/api/c10/42';
    return {
      title: `${fmt(controllers)} controllers x ${ROUTES_PER_CONTROLLER} routes (${fmt(controllers * ROUTES_PER_CONTROLLER)} routes), requests to ${path}, ${rounds} rounds of ${duration}`,
      header: ['adapter', 'scenario', ...modes, ...keys],
      rows,
    };
  });
}

/** Every ratio of the tables whose two measures disagree, as one line each ("none" when there is none). */
export function disagreements(throughput) {
  const lines = [];
  for (const m of throughput) {
    for (const [id, s] of Object.entries(m.scenarios ?? {})) {
      for (const k of RATIO_KEYS.filter((key) => s.ratios[key])) {
        const r = s.ratios[k];
        const c = s.cpuRatios[k].median;
        if (disagree(r.median, c)) lines.push(`${m.adapter}, ${fmt(m.controllers ?? 20)} controllers, ${title(id)}, ${k}: req/s ${r.median.toFixed(2)}, CPU ${c.toFixed(2)}`);
      }
    }
  }
  return lines.length ? lines : ['none'];
}

/** The targets, each with both measures and its verdict on each. */
export function targetTable(targets) {
  return {
    header: ['controllers', 'adapter', 'scenario', 'ratio', 'target', 'req/s ratio', 'per round', 'result', 'CPU ratio', 'per round (CPU)', 'result (CPU)', 'source'],
    rows: targets.map((t) => [
      fmt(t.controllers),
      t.adapter,
      title(t.scenario),
      `module/${t.baseline}`,
      `>= ${t.target.toFixed(2)}`,
      t.ratio.toFixed(2),
      t.rounds.map((r) => r.toFixed(2)).join(' '),
      t.met ? 'met' : 'NOT MET',
      `${t.cpuRatio.toFixed(2)}${t.disagree ? FLAG : ''}`,
      t.cpuRounds.map((r) => r.toFixed(2)).join(' '),
      t.cpuMet ? 'met' : 'NOT MET',
      t.source,
    ]),
  };
}

const MB = 1024 ** 2;

/** Heap after startup per adapter and count: medians per mode, bytes per route over none, startup seconds. */
export function heapTable(heap, verdicts) {
  const others = heap.modes.filter((m) => m !== 'none');
  return {
    header: [
      'adapter',
      'controllers',
      'routes',
      ...heap.modes.map((m) => `${m} heap MB`),
      ...others.map((m) => `${m} - none, B/route`),
      ...others.map((m) => `${m}, B/route at the margin`),
      'module <= 1 KB/route',
      ...heap.modes.map((m) => `${m} startup s`),
    ],
    rows: heap.entries.map((e) => {
      const verdict = verdicts.find((v) => v.adapter === e.adapter && v.controllers === e.controllers);
      return [
        e.adapter,
        fmt(e.controllers),
        fmt(e.routes),
        ...heap.modes.map((m) => (e.heapMedians[m] / MB).toFixed(1)),
        ...others.map((m) => fmt(e.bytesPerRoute[m])),
        ...others.map((m) => (e.marginalBytesPerRoute ? `${fmt(e.marginalBytesPerRoute[m])} (since ${fmt(e.marginalSince)})` : '')),
        verdict ? (verdict.met ? 'met' : 'NOT MET') : '(not judged)',
        ...heap.modes.map((m) => e.startupSeconds[m].toFixed(1)),
      ];
    }),
  };
}

const pad = (cells, widths) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');

/** Plain-text rendering, columns aligned. */
export function plain({ header, rows }) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  return [pad(header, widths), pad(widths.map((w) => '-'.repeat(w)), widths), ...rows.map((r) => pad(r, widths))].join('\n');
}

/** Markdown rendering. */
export function markdown({ header, rows }) {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}
