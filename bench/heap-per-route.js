/* global console */
/**
 * Heap per route (issue 11): for each adapter, controller count and mode, the app is started in
 * a fresh process (`--expose-gc`) and, once it listens, the heap used is read after repeated full
 * GCs; no request is sent. Every combination is started `repeats` times, in an order rotated per
 * repeat, and the median is taken. The cost of a mode is (mode - none) / routes, in bytes per
 * route (on average, and at the margin between two counts); the seconds from spawn to
 * listening are reported beside it.
 */
import { join } from 'node:path';
import { ROUTES_PER_CONTROLLER } from './app.js';
import { startServer } from './processes.js';
import { median, rotate } from './stats.js';

/**
 * A mode of this checkout (`module`), or `label=mode@dir`: that mode of another checkout with its
 * own `dist/` and `bench/` (a build before a change), measured in the same run.
 */
function parseMode(spec) {
  if (!spec.includes('=')) return { mode: spec };
  const [, rest] = spec.split('=');
  const [mode, dir] = rest.split('@');
  return { mode, serverScript: dir ? join(dir, 'bench/server.js') : undefined };
}

async function sample(adapter, spec, controllers) {
  const started = Date.now();
  const { mode, serverScript } = parseMode(spec);
  const server = await startServer(adapter, mode, { controllers, nodeFlags: ['--expose-gc'], serverScript });
  const startupSeconds = (Date.now() - started) / 1000;
  try {
    const { heapUsed } = await server.settledHeap();
    return { heapUsed, startupSeconds };
  } finally {
    await server.stop();
  }
}

/**
 * Measures every adapter x controller count x mode `repeats` times; `modes` must start with
 * `none`. Returns one entry per adapter and count, with medians and per-route costs.
 */
export async function measureHeapPerRoute({ adapters, counts, modes: specs, repeats }) {
  // Results are keyed by label: `module`, or the `label` of `label=mode@dir`.
  const specOf = new Map(specs.map((spec) => [spec.split('=')[0], spec]));
  const modes = [...specOf.keys()];
  const entries = [];
  for (const adapter of adapters) {
    for (const controllers of counts) {
      const heap = Object.fromEntries(modes.map((m) => [m, []]));
      const startup = Object.fromEntries(modes.map((m) => [m, []]));
      for (let r = 0; r < repeats; r++) {
        for (const mode of rotate(modes, r)) {
          const s = await sample(adapter, specOf.get(mode), controllers);
          heap[mode].push(s.heapUsed);
          startup[mode].push(s.startupSeconds);
        }
      }
      const routes = controllers * ROUTES_PER_CONTROLLER;
      const medians = Object.fromEntries(modes.map((m) => [m, median(heap[m])]));
      const perRoute = Object.fromEntries(modes.filter((m) => m !== 'none').map((m) => [m, (medians[m] - medians.none) / routes]));
      const entry = {
        adapter,
        controllers,
        routes,
        heapUsed: heap,
        heapMedians: medians,
        bytesPerRoute: perRoute,
        startupSeconds: Object.fromEntries(modes.map((m) => [m, median(startup[m])])),
      };
      // Beside the average, the marginal cost per route since the previous count: the fixed cost
      // of the module (its providers, one compiled policy) cancels out of it.
      const previous = entries.at(-1);
      if (previous?.adapter === adapter) {
        entry.marginalSince = previous.controllers;
        entry.marginalBytesPerRoute = Object.fromEntries(
          Object.keys(perRoute).map((m) => [m, (medians[m] - medians.none - (previous.heapMedians[m] - previous.heapMedians.none)) / (routes - previous.routes)]),
        );
      }
      entries.push(entry);
      const cells = modes.map((m) => `${m} ${(medians[m] / 1024 ** 2).toFixed(1)} MB${perRoute[m] === undefined ? '' : ` (${Math.round(perRoute[m])} B/route)`}`);
      console.log(`[heap] ${adapter}, ${controllers} controllers (${routes} routes), median of ${repeats}: ${cells.join(', ')}`);
    }
  }
  return { repeats, modes, entries };
}
