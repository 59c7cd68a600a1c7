/* global process, console */
/**
 * CPU profile of one mode's server under one scenario: `node bench/profile.js <adapter> <mode>
 * <scenario> [seconds]` (`BENCH_CONTROLLERS=1000` for the large app). Warms up, profiles the server (inspector, startup excluded) while wrk
 * sends the scenario's request, and prints the functions with the most self time and the
 * inclusive time of the request-path functions of Nest, the adapter and this library.
 *
 * With `BENCH_PROFILE_BASELINE=none` (or another mode) the baseline's server is profiled the same
 * way right after, and the functions are listed by how much more self time per request the mode
 * spends in them than the baseline (us per request: self time over the requests served while
 * profiled), with the total; this is where a mode's cost goes, including costs it causes in
 * other code (the garbage collector, Node's header handling).
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedRequestScript, runWrk, startServer } from './processes.js';
import { scenariosFor } from './scenarios.js';

const [adapter = 'fastify', mode = 'module', scenarioId = 'allowed', seconds = '5'] = process.argv.slice(2);
// BENCH_CONTROLLERS: the app's controller count (default 20), requests to the last one.
const controllers = Number(process.env.BENCH_CONTROLLERS ?? 20);
const baselineMode = process.env.BENCH_PROFILE_BASELINE;
const scenario = scenariosFor(controllers).find((s) => s.id === scenarioId);
const script = fixedRequestScript(scenario);

/** Profiles `profiledMode`'s server under the scenario: its profile, where it was written, and the requests served meanwhile. */
async function profileOf(profiledMode) {
  const server = await startServer(adapter, profiledMode, { controllers });
  await runWrk(server.url, script, '3s');
  await server.startProfile();
  const run = await runWrk(server.url, script, `${seconds}s`);
  const profile = await server.stopProfile();
  await server.stop();
  const file = join(tmpdir(), `nestjs-cors-${adapter}-${profiledMode}-${scenarioId}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  return { profile, file, run };
}

const label = (n) => {
  const { functionName, url, lineNumber } = n.callFrame;
  const where = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(dist|bench)\//, '$1/');
  return `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
};

/** Self and inclusive time (us) per function label, and the busy (non-idle) time. */
function timesOf(profile) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const self = new Map();
  const inclusive = new Map();
  let busy = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = nodes.get(profile.samples[i]);
    const dt = profile.timeDeltas[i] ?? 0;
    if (node.callFrame.functionName === '(idle)') continue;
    busy += dt;
    self.set(label(node), (self.get(label(node)) ?? 0) + dt);
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const key = label(nodes.get(id));
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
    }
  }
  return { self, inclusive, busy };
}

const measured = await profileOf(mode);
const { self, inclusive, busy } = timesOf(measured.profile);
const pct = (v) => `${((v / busy) * 100).toFixed(1).padStart(5)}%`;
const library = [...self.entries()].filter(([k]) => k.includes(' dist/')).reduce((a, [, v]) => a + v, 0);
console.log(`${adapter}/${mode} ${scenarioId}: ${Math.round(measured.run.rps)} req/s; profile in ${measured.file}`);
console.log(`busy (non-idle) time ${Math.round(busy / 1000)} ms; self time in nestjs-cors (dist/): ${pct(library)}`);
console.log('\nself time (share of busy time)');
for (const [key, value] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 25))) console.log(`${pct(value)}  ${key}`);
const pattern = new RegExp(process.env.INCLUSIVE ?? 'dist/|canActivate|tryActivate|guards-consumer|corsHook|copyCorsHeadersToRaw|hookRunner|onRequest|middie|cors/');
console.log(`\ninclusive time of functions matching ${pattern}`);
for (const [key, value] of [...inclusive.entries()].filter(([k]) => pattern.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${pct(value)}  ${key}`);

if (baselineMode !== undefined) {
  const base = await profileOf(baselineMode);
  const baseTimes = timesOf(base.profile);
  const perRequest = (times, run) => new Map([...times.self].map(([key, us]) => [key, us / run.requests]));
  const modeCost = perRequest({ self }, measured.run);
  const baseCost = perRequest(baseTimes, base.run);
  const keys = new Set([...modeCost.keys(), ...baseCost.keys()]);
  const rows = [...keys].map((key) => [key, (modeCost.get(key) ?? 0) - (baseCost.get(key) ?? 0), baseCost.get(key) ?? 0, modeCost.get(key) ?? 0]);
  const us = (v) => v.toFixed(2).padStart(7);
  console.log(`\n${mode} over ${baselineMode} (${Math.round(base.run.rps)} req/s), self time per request in us: ${us((busy / measured.run.requests) - (baseTimes.busy / base.run.requests))} of busy time in all`);
  console.log(`${'more'.padStart(7)} ${baselineMode.padStart(7)} ${mode.padStart(7)}  function`);
  for (const [key, diff, before, after] of rows.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).slice(0, Number(process.env.TOP ?? 25))) {
    console.log(`${us(diff)} ${us(before)} ${us(after)}  ${key}`);
  }
}
