/* global process, console */
/**
 * Compares builds of the library in one interleaved run, to measure what a change gained:
 * `BENCH_VARIANTS=before=/tmp/a,after=/work/main node bench/compare.js`. A variant may name its
 * own mode after a colon (`observed=/work/main:observed`); every variant after the first is also
 * given as a ratio to the first (medians of per-round ratios). Each directory is a
 * checkout with its own `dist/` and a copy of this `bench/` (its `bench/server.js` is started,
 * so it loads that build). Every round times `none` (from the first directory) and the `module`
 * mode of each build for every scenario, in rotating order; ratios to `none` are per round.
 * BENCH_COMPARE_MODE picks another mode than `module`; BENCH_BASELINE another baseline than
 * `none` (`enableCors`: the ratios are then to Nest's own CORS); BENCH_SCENARIOS (ids) a subset;
 * BENCH_ROUTE_COUNTS (default 20) the controller counts of the app, each a separate comparison
 * (a build's `bench/server.js` older than the route-count axis serves 20 controllers whatever
 * it is asked, which the answer check before timing catches).
 */
import { join } from 'node:path';
import { fixedRequestScript, runWrk, startServer } from './processes.js';
import { scenariosFor } from './scenarios.js';
import { median, rotate } from './stats.js';
import { checkServer } from './throughput.js';

const variants = (process.env.BENCH_VARIANTS ?? '').split(',').filter(Boolean).map((v) => {
  const [label, target] = v.split('=');
  const [dir, variantMode] = target.split(':');
  return { label, dir, mode: variantMode };
});
const adapters = (process.env.BENCH_ADAPTERS ?? 'express,fastify').split(',');
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const duration = process.env.BENCH_DURATION ?? '3s';
const counts = (process.env.BENCH_ROUTE_COUNTS ?? '20').split(',').map(Number);
const mode = process.env.BENCH_COMPARE_MODE ?? 'module';
const baseline = process.env.BENCH_BASELINE ?? 'none';

try {
  for (const controllers of counts) for (const adapter of adapters) await compare(adapter, controllers);
} catch (error) {
  console.error(error.message);
  process.exitCode = 1;
}

async function compare(adapter, controllers) {
  const scenarios = scenariosFor(controllers).filter((s) => !process.env.BENCH_SCENARIOS || process.env.BENCH_SCENARIOS.split(',').includes(s.id));
  const servers = [{ label: baseline, server: await startServer(adapter, baseline, { controllers, serverScript: join(variants[0].dir, 'bench/server.js') }) }];
  for (const v of variants) servers.push({ label: v.label, server: await startServer(adapter, v.mode ?? mode, { controllers, serverScript: join(v.dir, 'bench/server.js') }) });
  const problems = [];
  for (const { server } of servers) problems.push(...(await checkServer(server, scenarios)));
  if (problems.length) {
    for (const { server } of servers) await server.stop();
    throw new Error(`wrong answers, nothing timed:\n  ${problems.join('\n  ')}`);
  }
  const scripts = new Map(scenarios.map((s) => [s.id, fixedRequestScript(s)]));
  for (const { server } of servers) for (const s of scenarios) await runWrk(server.url, scripts.get(s.id), '1s');
  const rps = {};
  const cpu = {};
  for (const s of scenarios) {
    rps[s.id] = Object.fromEntries(servers.map((x) => [x.label, []]));
    cpu[s.id] = Object.fromEntries(servers.map((x) => [x.label, []]));
  }
  for (let r = 0; r < rounds; r++) {
    for (const s of scenarios) {
      for (const { label, server } of rotate(servers, r)) {
        const before = await server.cpuMicros();
        const run = await runWrk(server.url, scripts.get(s.id), duration);
        cpu[s.id][label].push(((await server.cpuMicros()) - before) / run.requests);
        rps[s.id][label].push(run.rps);
      }
    }
  }
  for (const { server } of servers) await server.stop();
  console.log(`\n${adapter}, ${controllers} controllers: each variant (${variants.map((v) => `${v.label}: ${v.mode ?? mode}`).join(', ')}) / ${baseline}, medians of per-round ratios (throughput | CPU), [lowest, highest] per-round throughput ratio`);
  for (const s of scenarios) {
    const cells = variants.map((v) => {
      const ratios = rps[s.id][v.label].map((x, i) => x / rps[s.id][baseline][i]);
      const c = median(cpu[s.id][v.label].map((x, i) => cpu[s.id][baseline][i] / x));
      const range = `[${Math.min(...ratios).toFixed(2)}, ${Math.max(...ratios).toFixed(2)}]`;
      return `${v.label} ${median(ratios).toFixed(2)} | ${c.toFixed(2)} ${range} (${Math.round(median(rps[s.id][v.label])).toLocaleString('en-US')} req/s, ${median(cpu[s.id][v.label]).toFixed(1)} us)`;
    });
    console.log(`  ${s.id.padEnd(10)} ${baseline} ${Math.round(median(rps[s.id][baseline])).toLocaleString('en-US')} req/s, ${median(cpu[s.id][baseline]).toFixed(1)} us; ${cells.join('; ')}`);
    const first = variants[0].label;
    const against = variants.slice(1).map((v) => {
      const t = median(rps[s.id][v.label].map((x, i) => x / rps[s.id][first][i]));
      const c = median(cpu[s.id][v.label].map((x, i) => cpu[s.id][first][i] / x));
      return `${v.label}/${first} ${t.toFixed(2)} | ${c.toFixed(2)}`;
    });
    if (against.length > 0) console.log(`  ${''.padEnd(10)} ${against.join('; ')}`);
  }
}
