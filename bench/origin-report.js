/* global process, console */
/**
 * The origin report under a flood (issue 22): `node --expose-gc bench/origin-report.js`. For each
 * `maxOrigins` (BENCH_MAX_ORIGINS, default 100,1000,10000), one `OriginReport` from dist/ is fed
 * BENCH_ORIGIN_REQUESTS (default 1,000,000) requests, each from a new random origin (refused) except
 * 1 in 10 from one of three real origins (allowed); then the same again with refused requests
 * only. Reports the CPU time per request (user + system: on a shared machine the wall clock also
 * counts other processes' turns; wall time beside it), the heap the report holds after full GCs
 * (its input released), and whether the real origins kept their places with exact counts. Prints
 * JSON on stdout; a table on stderr.
 */
import { OriginReport } from '../dist/internal/reporting/origin-report.js';

if (typeof globalThis.gc !== 'function') {
  console.error('run with node --expose-gc');
  process.exit(1);
}
const requests = Number(process.env.BENCH_ORIGIN_REQUESTS ?? 1_000_000);
const sizes = (process.env.BENCH_MAX_ORIGINS ?? '100,1000,10000').split(',').map(Number);
const REAL = ['https://app.example.com', 'https://admin.example.com', 'https://partner.example.org'];

/** The random origins, made before timing (so string creation is not timed): 24 random hex digits each. */
function randomOrigins(count, seed) {
  const origins = new Array(count);
  let x = seed;
  for (let i = 0; i < count; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    const y = (x * 2654435761) >>> 0;
    origins[i] = `https://${x.toString(16)}${y.toString(16)}${i.toString(16)}.flood.example`;
  }
  return origins;
}

function heapUsed() {
  for (let i = 0; i < 3; i++) globalThis.gc();
  return process.memoryUsage().heapUsed;
}

const results = [];
for (const maxOrigins of sizes) {
  for (const mix of ['real 1 in 10', 'refused only']) {
    const base = heapUsed();
    const origins = randomOrigins(requests, maxOrigins * 7 + mix.length);
    const report = new OriginReport(maxOrigins);
    const realCounts = [0, 0, 0];
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    for (let i = 0; i < requests; i++) {
      if (mix === 'real 1 in 10' && i % 10 === 0) {
        const which = (i / 10) % 3;
        realCounts[which]++;
        report.record('module', REAL[which], true, false, i);
      } else {
        report.record('module', origins[i], false, false, i);
      }
    }
    const wallNsPerRequest = Number(process.hrtime.bigint() - start) / requests;
    const cpu = process.cpuUsage(cpuStart);
    const nsPerRequest = ((cpu.user + cpu.system) * 1000) / requests;
    // The random origins' array is the input, not the report: emptied before the report is weighed
    // (the strings the report kept stay alive through it).
    origins.length = 0;
    const held = heapUsed() - base;
    const snapshot = report.snapshot()[0];
    const real = REAL.map((origin, i) => {
      const entry = snapshot.origins.find((o) => o.origin === origin);
      return entry !== undefined && entry.allowed === realCounts[i] && entry.uncounted === 0;
    });
    results.push({
      maxOrigins,
      mix,
      requests,
      nsPerRequest,
      wallNsPerRequest,
      heldMB: held / 1024 / 1024,
      bytesPerSlot: held / (snapshot.origins.length || 1),
      tracked: snapshot.origins.length,
      realOriginsExact: mix === 'refused only' ? null : real.every(Boolean),
    });
    report.record('module', 'keep', true, false, 0); // the report stays alive until weighed
  }
}
process.stdout.write(`${JSON.stringify({ node: process.version, results })}\n`);
for (const r of results) {
  console.error(
    `maxOrigins ${String(r.maxOrigins).padStart(6)}  ${r.mix.padEnd(13)} ${r.nsPerRequest.toFixed(0).padStart(5)} ns CPU/request (${r.wallNsPerRequest.toFixed(0)} wall)  ` +
      `${r.heldMB.toFixed(2).padStart(6)} MB held (${r.bytesPerSlot.toFixed(0)} B per tracked origin, ${r.tracked} tracked)` +
      (r.realOriginsExact === null ? '' : `  real origins exact: ${r.realOriginsExact}`),
  );
}
