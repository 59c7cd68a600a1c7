/* global process, console, URL */
/**
 * `npm run bench`: throughput of every mode on both adapters (wrk) at each controller count of
 * the route-count axis, heap per route after startup, engine micro-benchmarks and the memory
 * test. Prints tables on stdout and writes the JSON results to BENCH_OUTPUT.
 *
 * Knobs (environment): BENCH_DURATION (per timed run, default 3s), BENCH_WARMUP (per mode and
 * scenario, default 1s), BENCH_ROUNDS (default 4), BENCH_CONNECTIONS (default 32),
 * BENCH_ADAPTERS (express,fastify), BENCH_MODES (none,enableCors,module,decorated,dynamic,observed,
 * reportOnly: at the first controller count), BENCH_ROUTE_COUNTS (controllers of 5 routes: 20,1000),
 * BENCH_AXIS_MODES (at the other counts: none,enableCors,module), BENCH_HEAP_COUNTS
 * (20,1000,4000), BENCH_HEAP_MODES (none,module; add enableCors for reference, or `label=mode@dir` for
 * a mode of another checkout, e.g. the build before a change), BENCH_HEAP_REPEATS (3),
 * BENCH_PARTS (throughput,heap,micro,memory), BENCH_MEMORY_REQUESTS (1000000),
 * BENCH_MEMORY_BOUND_MB (16), BENCH_SERVER_CPU / BENCH_LOAD_CPU (0 / 1), BENCH_OUTPUT
 * (bench/results.json).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MODES, REPORTING_MODES } from './app.js';
import { measureHeapPerRoute } from './heap-per-route.js';
import { measureMemory } from './memory.js';
import { CONNECTIONS_USED, pinning } from './processes.js';
import { RATIO_LEGEND, disagreements, heapTable, plain, targetTable, throughputTables } from './tables.js';
import { DISAGREE_THRESHOLD } from './targets.js';
import { measureAdapter } from './throughput.js';
import { judgeHeap, judgeThroughput } from './verdicts.js';

const env = process.env;
const list = (value, fallback) => (value ? value.split(',').map((s) => s.trim()).filter(Boolean) : fallback);
const config = {
  duration: env.BENCH_DURATION ?? '3s',
  warmup: env.BENCH_WARMUP ?? '1s',
  rounds: Number(env.BENCH_ROUNDS ?? 4),
  adapters: list(env.BENCH_ADAPTERS, ['express', 'fastify']),
  modes: list(env.BENCH_MODES, [...MODES, ...REPORTING_MODES]),
  parts: list(env.BENCH_PARTS, ['throughput', 'heap', 'micro', 'memory']),
  routeCounts: list(env.BENCH_ROUTE_COUNTS, ['20', '1000']).map(Number),
  axisModes: list(env.BENCH_AXIS_MODES, ['none', 'enableCors', 'module']),
  heapCounts: list(env.BENCH_HEAP_COUNTS, ['20', '1000', '4000']).map(Number),
  heapModes: list(env.BENCH_HEAP_MODES, ['none', 'module']),
  heapRepeats: Number(env.BENCH_HEAP_REPEATS ?? 3),
  memoryRequests: Number(env.BENCH_MEMORY_REQUESTS ?? 1_000_000),
  memoryBoundMb: Number(env.BENCH_MEMORY_BOUND_MB ?? 16),
  connections: CONNECTIONS_USED,
  output: env.BENCH_OUTPUT ?? fileURLToPath(new URL('./results.json', import.meta.url)),
};
for (const modes of [config.modes, config.axisModes]) for (const baseline of ['enableCors', 'none']) if (!modes.includes(baseline)) modes.unshift(baseline);
if (!config.heapModes.includes('none')) config.heapModes.unshift('none');

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
const table = (header, rows) => plain({ header, rows });

console.log(`nestjs-cors benchmark, ${started.toISOString()}`);
console.log(`machine: ${machine.nproc} cores, ${machine.cpuModel}, load ${machine.loadAverageAtStart.join(' ')}; pinning ${JSON.stringify(machine.pinning)}`);
console.log(`config: ${JSON.stringify({ ...config, output: undefined })}`);

const results = { date: started.toISOString(), machine, versions, config, throughput: [], targets: [], heap: undefined, heapTargets: [], micro: undefined, memory: undefined, problems: [] };

if (config.parts.includes('throughput')) {
  for (const controllers of config.routeCounts) {
    // The first count gets every mode; the others (slow apps) the modes the targets compare.
    const modes = controllers === config.routeCounts[0] ? config.modes : config.axisModes;
    for (const adapter of config.adapters) {
      const measured = await measureAdapter(adapter, modes, config, controllers);
      results.problems.push(...measured.problems);
      results.throughput.push(measured);
    }
  }
  console.log(`\n${RATIO_LEGEND}`);
  for (const t of throughputTables(results.throughput, config.rounds, config.duration)) console.log(`\n${t.title}\n${plain(t)}`);
  console.log(`\nratios whose req/s and CPU measures disagree by more than ${DISAGREE_THRESHOLD}:\n  ${disagreements(results.throughput).join('\n  ')}`);
  results.targets = judgeThroughput(results.throughput);
  if (results.targets.length) console.log(`\ntargets (issues 4 and 11), judged on req/s, with the CPU ratio beside\n${plain(targetTable(results.targets))}`);
}

if (config.parts.includes('heap')) {
  console.log(`\nheap after startup: ${config.heapRepeats} fresh processes per adapter, count and mode (--expose-gc, no request)`);
  results.heap = await measureHeapPerRoute({ adapters: config.adapters, counts: config.heapCounts, modes: config.heapModes, repeats: config.heapRepeats });
  results.heapTargets = judgeHeap(results.heap);
  console.log(plain(heapTable(results.heap, results.heapTargets)));
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
