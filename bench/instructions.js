/* global process, console, setTimeout */
/**
 * Instructions per request, counted by valgrind (callgrind): a count does not depend on what else
 * runs on the machine, but it does depend on the state the JIT settles into in each server
 * process. Rounds of one process agree; the same build has counted up to 2.3 times more in one
 * process than in another (BENCHMARKS.md, 2026-12-06), so a comparison of one process per build
 * settles nothing by itself: BENCH_INSTR_PROCESSES (default 1) starts that many server processes
 * per variant, prints each, and compares the variants by the median of their processes.
 *
 *   BENCH_CONTROLLERS=1000 node bench/instructions.js fastify preflight enableCors module [label=mode@dir ...]
 *
 * Each variant (`mode`, or `label=mode@dir` for the `mode` of another checkout with its own
 * `dist/` and `bench/`) is one server process under `valgrind --tool=callgrind` with
 * instrumentation off until measured (startup costs nothing, and runs at a few times native
 * speed). Every server is checked for the scenario's exact answer and warmed up with
 * BENCH_INSTR_WARMUP requests (default 40,000, in batches as measured: the JIT has tiered up). Then, in each of
 * BENCH_INSTR_ROUNDS rounds (default 5, after one more that is not counted), variants in
 * rotated order: counters zeroed, instrumentation on, exactly BENCH_INSTR_REQUESTS requests
 * (default 2,000, over BENCH_CONNECTIONS keep-alive connections, default 8 here), instrumentation
 * off, and the server's instructions (every thread: the JIT's and the GC's too) read from a dump.
 * Node runs with a fixed GC schedule (BENCH_INSTR_NODE_FLAGS, see below). BENCH_INSTR_CACHE=1
 * adds callgrind's cache simulation and reports last-level cache misses per request (a model of
 * the host's caches). Prints each variant's median instructions per request, its range and
 * per-round values, and its ratio to the first variant per round (higher = fewer instructions);
 * then, per variant, the median of its processes and the mean of all its rounds.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './processes.js';
import { EXPECTED, scenariosFor } from './scenarios.js';
import { median, rotate } from './stats.js';
import { checkServer } from './throughput.js';

const [adapter = 'fastify', scenarioId = 'preflight', ...specs] = process.argv.slice(2);
const controllers = Number(process.env.BENCH_CONTROLLERS ?? 20);
const requests = Number(process.env.BENCH_INSTR_REQUESTS ?? 2000);
const warmup = Number(process.env.BENCH_INSTR_WARMUP ?? 40_000);
const rounds = Number(process.env.BENCH_INSTR_ROUNDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 8);
const cacheSim = process.env.BENCH_INSTR_CACHE === '1';
const processesPerVariant = Number(process.env.BENCH_INSTR_PROCESSES ?? 1);
// Under valgrind a request takes ~50 times as long, so V8's time-driven GC heuristics (the memory
// reducer's compacting GCs, idle-time GC) fire inside the measured windows and throw optimized
// code away ("weak objects"), which is then compiled again: several times the cost of the requests.
// A fixed GC schedule and no code flushing keep the JIT in its steady state (ratios then agree
// within about 1.5% from round to round; without these flags they varied by a factor of 3), and
// --single-threaded compiles and collects on the main thread, when the work calls for it rather
// than when a background thread gets its turn (with the cache simulation, which slows everything
// down further, optimized code otherwise kept arriving inside the measured rounds).
const DEFAULT_NODE_FLAGS = '--single-threaded --no-memory-reducer --predictable-gc-schedule --no-flush-bytecode --no-flush-baseline-code';
const nodeFlags = (process.env.BENCH_INSTR_NODE_FLAGS ?? DEFAULT_NODE_FLAGS).split(' ').filter(Boolean);
const scenario = scenariosFor(controllers).find((s) => s.id === scenarioId);
if (!scenario || specs.length === 0) {
  console.error('usage: node bench/instructions.js <adapter> <allowed|preflight|noOrigin|refused> <mode | label=mode@dir> ...');
  process.exit(2);
}
const variants = specs.map((spec) => {
  const [label, rest = label] = spec.includes('=') ? spec.split('=') : [spec, spec];
  const [mode, dir] = rest.split('@');
  return { label, mode, serverScript: dir ? join(dir, 'bench/server.js') : undefined };
});

/** Sends exactly `count` requests of the scenario over `connections` keep-alive connections; returns the status counts. */
function sendMany(url, count) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const statuses = {};
  let sent = 0;
  let done = 0;
  return new Promise((resolve, reject) => {
    const next = () => {
      if (sent === count) return;
      sent++;
      const req = request(`${url}${scenario.path}`, { method: scenario.method, headers: scenario.headers, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
          if (++done === count) {
            agent.destroy();
            resolve(statuses);
          } else next();
        });
      });
      req.on('error', reject);
      req.end();
    };
    for (let i = 0; i < connections; i++) next();
  });
}

function control(pid, ...args) {
  const result = spawnSync('callgrind_control', [...args, String(pid)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`callgrind_control ${args.join(' ')} ${pid} failed: ${result.stderr}${result.stdout}`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The events counted in the newest dump of `pid` in `dir`: `{ Ir, ... }` (with the cache simulation, the misses too). */
function lastDumpTotals(dir, pid, before) {
  const dumps = readdirSync(dir).filter((f) => f.startsWith(`callgrind.out.${pid}.`) && !before.has(f));
  if (dumps.length !== 1) throw new Error(`expected one new dump of ${pid}, found ${dumps.length}`);
  const text = readFileSync(join(dir, dumps[0]), 'utf8');
  const events = /^events: (.+)$/m.exec(text);
  const totals = /^totals: (.+)$/m.exec(text);
  if (!events || !totals) throw new Error(`no totals in ${dumps[0]}`);
  const values = totals[1].trim().split(/\s+/).map(Number);
  return Object.fromEntries(events[1].trim().split(/\s+/).map((name, i) => [name, values[i] ?? 0]));
}

const outDir = mkdtempSync(join(tmpdir(), 'nestjs-cors-callgrind-'));
const servers = [];
try {
  for (let copy = 1; copy <= processesPerVariant; copy++) {
    for (const v of variants) {
      const wrapper = ['valgrind', '--tool=callgrind', '--instr-atstart=no', '--smc-check=all-non-file', `--callgrind-out-file=${join(outDir, 'callgrind.out.%p')}`];
      if (cacheSim) wrapper.push('--cache-sim=yes');
      const server = await startServer(adapter, v.mode, { controllers, serverScript: v.serverScript, wrapper, nodeFlags });
      const label = processesPerVariant === 1 ? v.label : `${v.label}#${copy}`;
      servers.push({ ...v, variant: v, label, server, counts: [], misses: [] });
      console.log(`[instructions] ${label}: ${adapter}/${v.mode} under callgrind, pid ${server.pid}`);
    }
  }
  for (const s of servers) {
    const problems = await checkServer(s.server, [scenario]);
    if (problems.length) throw new Error(`wrong answers, nothing counted:\n  ${problems.join('\n  ')}`);
    // In batches like the measured ones: each opens its connections, whose code must be warm too.
    for (let sent = 0; sent < warmup; sent += requests) await sendMany(s.server.url, requests);
  }
  // Round 0 settles what the warm-up left (the first measured round still counted 40% more): not kept.
  for (let r = 0; r <= rounds; r++) {
    for (const s of rotate(servers, r)) {
      const pid = s.server.pid;
      const before = new Set(readdirSync(outDir));
      control(pid, '--zero');
      control(pid, '--instr=on');
      const statuses = await sendMany(s.server.url, requests);
      control(pid, '--instr=off');
      control(pid, '--dump');
      await sleep(200);
      const expected = String(EXPECTED[s.mode][scenario.id].status);
      if (statuses[expected] !== requests) throw new Error(`${s.label}: unexpected statuses ${JSON.stringify(statuses)}`);
      const totals = lastDumpTotals(outDir, pid, before);
      if (r === 0) continue;
      s.counts.push(totals.Ir / requests);
      // Last-level misses (instruction reads, data reads and writes): main-memory accesses.
      if (cacheSim) s.misses.push((totals.ILmr + totals.DLmr + totals.DLmw) / requests);
    }
  }
} finally {
  for (const s of servers) await s.server.stop();
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');
console.log(`\n${adapter}, ${controllers} controllers, ${scenario.title}: instructions per request (server process, all threads), ${rounds} rounds of ${requests} requests after one not counted, ${connections} connections`);
const first = servers[0];
for (const s of servers) {
  const ratios = s.counts.map((c, i) => first.counts[i] / c);
  console.log(
    `  ${s.label.padEnd(14)} median ${fmt(median(s.counts))} (${fmt(Math.min(...s.counts))} to ${fmt(Math.max(...s.counts))})` +
      (s === first ? '' : `; ${first.label}/${s.label} ${median(ratios).toFixed(3)} (${Math.min(...ratios).toFixed(3)} to ${Math.max(...ratios).toFixed(3)})`) +
      (cacheSim ? `; last-level cache misses per request ${fmt(median(s.misses))} (${fmt(Math.min(...s.misses))} to ${fmt(Math.max(...s.misses))})` : '') +
      `; per round ${s.counts.map(fmt).join(' ')}` +
      (cacheSim ? ` (misses ${s.misses.map(fmt).join(' ')})` : ''),
  );
}
if (processesPerVariant > 1) {
  // Each process's median, then the median of those per variant: a process whose JIT settled into a dearer state counts once.
  const byVariant = variants.map((v) => {
    const medians = servers.filter((s) => s.variant === v).map((s) => median(s.counts));
    return { label: v.label, medians, median: median(medians) };
  });
  console.log(`
by variant, the median of its ${processesPerVariant} processes' medians (each process's median in brackets):`);
  for (const v of byVariant) {
    const ratio = v === byVariant[0] ? '' : `; ${byVariant[0].label}/${v.label} ${(byVariant[0].median / v.median).toFixed(3)}`;
    console.log(`  ${v.label.padEnd(14)} ${fmt(v.median)} [${v.medians.map(fmt).join(', ')}]${ratio}`);
  }
}
// A major GC costs an Express server about 100,000 instructions per request of the round it falls
// in: medians of few rounds count it in or out, the mean of every round spreads it as time does.
const means = variants.map((v) => {
  const counts = servers.filter((s) => s.variant === v).flatMap((s) => s.counts);
  return { label: v.label, mean: counts.reduce((a, b) => a + b, 0) / counts.length, rounds: counts.length };
});
console.log(`
by variant, the mean of all its rounds (${means[0].rounds} each):`);
for (const v of means) {
  const ratio = v === means[0] ? '' : `; ${means[0].label}/${v.label} ${(means[0].mean / v.mean).toFixed(3)}`;
  console.log(`  ${v.label.padEnd(14)} ${fmt(v.mean)}${ratio}`);
}
