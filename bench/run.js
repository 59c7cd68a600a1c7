/* global process, console, URL */
/**
 * `npm run bench`: throughput of every mode on both adapters (wrk), engine micro-benchmarks and
 * the memory test. Prints tables on stdout and writes the JSON results to BENCH_OUTPUT.
 *
 * Knobs (environment): BENCH_DURATION (per timed run, default 3s), BENCH_WARMUP (per mode and
 * scenario, default 1s), BENCH_ROUNDS (default 4), BENCH_CONNECTIONS (default 32),
 * BENCH_ADAPTERS (express,fastify), BENCH_MODES (none,enableCors,module,decorated,dynamic),
 * BENCH_PARTS (throughput,micro,memory), BENCH_MEMORY_REQUESTS (1000000),
 * BENCH_MEMORY_BOUND_MB (16), BENCH_SERVER_CPU / BENCH_LOAD_CPU (0 / 1), BENCH_OUTPUT
 * (bench/results.json).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MODES } from './app.js';
import { measureMemory } from './memory.js';
import { CONNECTIONS_USED, pinning } from './processes.js';
import { SCENARIOS } from './scenarios.js';
import { TARGETS } from './targets.js';
import { measureAdapter } from './throughput.js';

const env = process.env;
const list = (value, fallback) => (value ? value.split(',').map((s) => s.trim()).filter(Boolean) : fallback);
const config = {
  duration: env.BENCH_DURATION ?? '3s',
  warmup: env.BENCH_WARMUP ?? '1s',
  rounds: Number(env.BENCH_ROUNDS ?? 4),
  adapters: list(env.BENCH_ADAPTERS, ['express', 'fastify']),
  modes: list(env.BENCH_MODES, MODES),
  parts: list(env.BENCH_PARTS, ['throughput', 'micro', 'memory']),
  memoryRequests: Number(env.BENCH_MEMORY_REQUESTS ?? 1_000_000),
  memoryBoundMb: Number(env.BENCH_MEMORY_BOUND_MB ?? 16),
  connections: CONNECTIONS_USED,
  output: env.BENCH_OUTPUT ?? fileURLToPath(new URL('./results.json', import.meta.url)),
};
for (const baseline of ['none', 'enableCors']) if (!config.modes.includes(baseline)) config.modes.unshift(baseline);

const root = new URL('../', import.meta.url);
const version = (name) => JSON.parse(readFileSync(new URL(`node_modules/${name}/package.json`, root), 'utf8')).version;
const tryRun = (command, args) => {
  try {
    return execFileSync(command, args, { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
};
const started = new Date();
const machine = {
  cpuModel: cpus()[0]?.model,
  nproc: Number(tryRun('nproc', [])) || cpus().length,
  memoryGb: Math.round(totalmem() / 1024 ** 3),
  loadAverageAtStart: loadavg().map((n) => Math.round(n * 100) / 100),
  pinning: pinning ?? 'none (taskset or a second core missing)',
};
const versions = {
  node: process.version,
  'nestjs-cors': JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).version,
  commit: tryRun('git', ['rev-parse', '--short', 'HEAD']),
  '@nestjs/core': version('@nestjs/core'),
  '@nestjs/platform-express': version('@nestjs/platform-express'),
  '@nestjs/platform-fastify': version('@nestjs/platform-fastify'),
  express: version('express'),
  fastify: version('fastify'),
  cors: version('cors'),
  '@fastify/cors': version('@fastify/cors'),
  wrk: tryRun('wrk', ['-v'])?.split('\n')[0] ?? spawnSync('wrk', ['-v'], { encoding: 'utf8' }).stdout?.split('\n')[0],
};

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const pad = (cells, widths) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  return [pad(header, widths), pad(widths.map((w) => '-'.repeat(w)), widths), ...rows.map((r) => pad(r, widths))].join('\n');
}

console.log(`nestjs-cors benchmark, ${started.toISOString()}`);
console.log(`machine: ${machine.nproc} cores, ${machine.cpuModel}, load ${machine.loadAverageAtStart.join(' ')}; pinning ${JSON.stringify(machine.pinning)}`);
console.log(`config: ${JSON.stringify({ ...config, output: undefined })}`);

const results = { date: started.toISOString(), machine, versions, config, throughput: [], targets: [], micro: undefined, memory: undefined, problems: [] };

if (config.parts.includes('throughput')) {
  for (const adapter of config.adapters) {
    const measured = await measureAdapter(adapter, config.modes, config);
    results.problems.push(...measured.problems);
    results.throughput.push(measured);
  }
  for (const measured of results.throughput) {
    if (!measured.scenarios) continue;
    const rows = SCENARIOS.map((s) => {
      const m = measured.scenarios[s.id];
      const ratio = (key) => (m.ratios[key] ? m.ratios[key].median.toFixed(2) : '');
      return [s.title, ...config.modes.map((mode) => fmt(m.medians[mode])), ratio('module/none'), ratio('module/enableCors'), ratio('decorated/none'), ratio('dynamic/none'), ratio('enableCors/none')];
    });
    console.log(`\n${measured.adapter}: median req/s over ${config.rounds} rounds of ${config.duration}; ratios are medians of per-round ratios`);
    console.log(table(['scenario', ...config.modes, 'module/none', 'module/enableCors', 'decorated/none', 'dynamic/none', 'enableCors/none'], rows));
    const cpuRows = SCENARIOS.map((s) => {
      const m = measured.scenarios[s.id];
      const ratio = (key) => (m.cpuRatios[key] ? m.cpuRatios[key].median.toFixed(2) : '');
      return [s.title, ...config.modes.map((mode) => m.cpuMedians[mode].toFixed(1)), ratio('module/none'), ratio('module/enableCors'), ratio('decorated/none'), ratio('dynamic/none'), ratio('enableCors/none')];
    });
    console.log(`${measured.adapter}: server CPU us per request (median); ratios = baseline CPU / mode CPU per round (higher is better, like throughput)`);
    console.log(table(['scenario', ...config.modes, 'module/none', 'module/enableCors', 'decorated/none', 'dynamic/none', 'enableCors/none'], cpuRows));
  }
  const targetRows = [];
  for (const target of TARGETS) {
    for (const adapter of config.adapters) {
      const measured = results.throughput.find((t) => t.adapter === adapter)?.scenarios?.[target.scenario];
      // Targets are judged on throughput; the CPU ratio is shown beside it as a cross-check.
      const ratio = measured?.ratios[`module/${target.baseline}`];
      if (!ratio) continue;
      const cpuRatio = measured.cpuRatios[`module/${target.baseline}`];
      const entry = {
        adapter,
        scenario: target.scenario,
        baseline: target.baseline,
        target: target[adapter],
        ratio: ratio.median,
        rounds: ratio.rounds,
        met: ratio.median >= target[adapter],
        cpuRatio: cpuRatio.median,
        cpuRounds: cpuRatio.rounds,
      };
      results.targets.push(entry);
      targetRows.push([
        adapter,
        SCENARIOS.find((s) => s.id === target.scenario).title,
        `module/${target.baseline}`,
        `>= ${target[adapter].toFixed(2)}`,
        ratio.median.toFixed(2),
        ratio.rounds.map((r) => r.toFixed(2)).join(' '),
        entry.met ? 'met' : 'NOT MET',
        cpuRatio.median.toFixed(2),
      ]);
    }
  }
  if (targetRows.length) {
    console.log('\ntargets (issue 4)');
    console.log(table(['adapter', 'scenario', 'ratio', 'target', 'median', 'per round', 'result', 'CPU ratio'], targetRows));
  }
}

if (config.parts.includes('micro')) {
  const [command, args] = pinning ? ['taskset', ['-c', pinning.server, process.execPath, fileURLToPath(new URL('./micro.js', import.meta.url))]] : [process.execPath, [fileURLToPath(new URL('./micro.js', import.meta.url))]];
  const out = execFileSync(command, args, { encoding: 'utf8' });
  results.micro = JSON.parse(out.trim().split('\n').pop()).results;
  console.log('\nengine micro-benchmarks (median of batches)');
  console.log(table(['group', 'operation', 'ns/op'], results.micro.map((r) => [r.group, r.name, r.nsPerOp.toFixed(1)])));
}

if (config.parts.includes('memory')) {
  console.log(`\nmemory: ${fmt(config.memoryRequests)} requests per phase, distinct origins`);
  results.memory = await measureMemory({ requests: config.memoryRequests, warmupRequests: Math.min(50_000, config.memoryRequests), boundMb: config.memoryBoundMb });
  console.log(
    table(
      ['phase', 'requests', 'req/s', 'heap before MB', 'heap after MB', 'growth MB', `<= ${config.memoryBoundMb} MB`],
      results.memory.phases.map((p) => [p.title, fmt(p.requests), fmt(p.rps), p.heapBeforeMb, p.heapAfterMb, p.growthMb, p.withinBound ? 'yes' : 'NO']),
    ),
  );
  const cache = results.memory.phases.find((p) => p.cache)?.cache;
  if (cache) {
    console.log(
      `origin cache under the flood: real-origin hit rate ${(cache.realHitRate * 100).toFixed(3)}% (${fmt(cache.realHits)} of ${fmt(cache.realLookups)} lookups), ` +
        `real-origin function calls ${fmt(cache.realOriginFunctionCalls)}, random-origin calls ${fmt(cache.randomOriginFunctionCalls)}, sizes allowed ${cache.allowedSize} / refused ${cache.refusedSize}`,
    );
  }
  for (const p of results.memory.phases) if (!p.withinBound) results.problems.push(`memory: ${p.id} grew ${p.growthMb} MB, over ${config.memoryBoundMb} MB`);
}

results.finished = new Date().toISOString();
results.wallSeconds = Math.round((Date.now() - started.getTime()) / 1000);
results.loadAverageAtEnd = loadavg().map((n) => Math.round(n * 100) / 100);
writeFileSync(config.output, JSON.stringify(results, null, 2) + '\n');
console.log(`\nwall time ${results.wallSeconds} s; load average at end ${results.loadAverageAtEnd.join(' ')}; results written to ${config.output}`);
if (results.problems.length) {
  console.log(`\nPROBLEMS:\n  ${results.problems.join('\n  ')}`);
  process.exitCode = 1;
}
