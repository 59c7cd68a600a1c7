/* global process, console */
/**
 * CPU profile of one mode's server under one scenario: `node bench/profile.js <adapter> <mode>
 * <scenario> [seconds]` (`BENCH_CONTROLLERS=1000` for the large app). Warms up, profiles the server (inspector, startup excluded) while wrk
 * sends the scenario's request, and prints the functions with the most self time and the
 * inclusive time of the request-path functions of Nest, the adapter and this library.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedRequestScript, runWrk, startServer } from './processes.js';
import { scenariosFor } from './scenarios.js';

const [adapter = 'fastify', mode = 'module', scenarioId = 'allowed', seconds = '5'] = process.argv.slice(2);
// BENCH_CONTROLLERS: the app's controller count (default 20), requests to the last one.
const controllers = Number(process.env.BENCH_CONTROLLERS ?? 20);
const scenario = scenariosFor(controllers).find((s) => s.id === scenarioId);
const server = await startServer(adapter, mode, { controllers });
const script = fixedRequestScript(scenario);
await runWrk(server.url, script, '3s');
await server.startProfile();
const run = await runWrk(server.url, script, `${seconds}s`);
const profile = await server.stopProfile();
await server.stop();
const file = join(tmpdir(), `nestjs-cors-${adapter}-${mode}-${scenarioId}.cpuprofile`);
writeFileSync(file, JSON.stringify(profile));

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
const label = (n) => {
  const { functionName, url, lineNumber } = n.callFrame;
  const where = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(dist|bench)\//, '$1/');
  return `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
};
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
const pct = (v) => `${((v / busy) * 100).toFixed(1).padStart(5)}%`;
const library = [...self.entries()].filter(([k]) => k.includes(' dist/')).reduce((a, [, v]) => a + v, 0);
console.log(`${adapter}/${mode} ${scenarioId}: ${Math.round(run.rps)} req/s; profile in ${file}`);
console.log(`busy (non-idle) time ${Math.round(busy / 1000)} ms; self time in nestjs-cors (dist/): ${pct(library)}`);
console.log('\nself time (share of busy time)');
for (const [key, value] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 25))) console.log(`${pct(value)}  ${key}`);
const pattern = new RegExp(process.env.INCLUSIVE ?? 'dist/|canActivate|tryActivate|guards-consumer|corsHook|copyCorsHeadersToRaw|hookRunner|onRequest|middie|cors/');
console.log(`\ninclusive time of functions matching ${pattern}`);
for (const [key, value] of [...inclusive.entries()].filter(([k]) => pattern.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${pct(value)}  ${key}`);
