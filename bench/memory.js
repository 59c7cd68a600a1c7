/* global console */
/**
 * Memory under a million distinct origins (Fastify; the library's state does not depend on the
 * adapter): the heap after a full GC before and after 1,000,000 requests whose `Origin` is new
 * every time, allowed (a subdomain pattern), refused, and through an async origin function
 * with the origin cache, where one request in ten comes from a real origin. The cache's hit
 * rate for those real origins under the flood is reported too (issue 7).
 */
import { ALLOWED_ORIGINS } from './app.js';
import { STOP_MARKER, luaScript, runWrk, startServer } from './processes.js';

/** Lua: `count` requests, each with a fresh origin built by `originExpr` (Lua, from counter `n`). */
function floodScript(path, originExpr, count) {
  return luaScript(`
local n = 0
local done = 0
local real = { ${ALLOWED_ORIGINS.map((o) => JSON.stringify(o)).join(', ')} }
request = function()
  n = n + 1
  return wrk.format("GET", ${JSON.stringify(path)}, { ["Origin"] = ${originExpr} })
end
response = function(status, headers, body)
  done = done + 1
  if done == ${count} then
    io.stderr:write("${STOP_MARKER}\\n")
    wrk.thread:stop()
  end
end
`);
}

const PHASES = [
  { id: 'allowed', title: 'allowed (subdomain pattern), distinct origins', path: '/api/c10/42', origin: (p) => `"https://${p}" .. n .. ".tenants.example.com"` },
  { id: 'refused', title: 'refused, distinct origins', path: '/api/c10/42', origin: (p) => `"https://${p}" .. n .. ".example.net"` },
  {
    id: 'dynamic',
    title: 'async origin function + cache: 90% distinct refused, 10% real',
    path: '/api/dyn/42',
    origin: (p) => `(n % 10 == 0) and real[(n / 10) % 3 + 1] or ("https://${p}" .. n .. ".flood.example.net")`,
  },
];

const MB = 1024 * 1024;
const mb = (bytes) => Math.round((bytes / MB) * 10) / 10;

export async function measureMemory({ requests, warmupRequests, boundMb }) {
  const server = await startServer('fastify', 'memory', { nodeFlags: ['--expose-gc'] });
  try {
    const startup = await server.stats();
    // Warm up every path (JIT, the cache at its caps) with origins that the phases never reuse.
    for (const phase of PHASES) await runWrk(server.url, floodScript(phase.path, phase.origin('w'), warmupRequests), '120s');
    const results = [];
    let before = await server.stats();
    for (const phase of PHASES) {
      const run = await runWrk(server.url, floodScript(phase.path, phase.origin(phase.id[0]), requests), '900s');
      const after = await server.stats();
      const growth = after.heapUsed - before.heapUsed;
      const entry = {
        id: phase.id,
        title: phase.title,
        requests: run.requests,
        rps: run.rps,
        non2xx: run.non2xx,
        heapBeforeMb: mb(before.heapUsed),
        heapAfterMb: mb(after.heapUsed),
        growthMb: mb(growth),
        rssAfterMb: mb(after.rss),
        withinBound: growth <= boundMb * MB,
      };
      if (phase.id === 'dynamic') {
        const [c0] = before.caches;
        const [c1] = after.caches;
        const hits = c1.hits - c0.hits;
        const randomCalls = after.originFunctionCalls.random - before.originFunctionCalls.random;
        const realCalls = after.originFunctionCalls.real - before.originFunctionCalls.real;
        const realMisses = c1.misses - c0.misses - randomCalls;
        entry.cache = {
          allowedSize: c1.allowedSize,
          refusedSize: c1.refusedSize,
          realLookups: hits + realMisses,
          realHits: hits,
          realHitRate: hits / (hits + realMisses),
          realOriginFunctionCalls: realCalls,
          randomOriginFunctionCalls: randomCalls,
          sharedCalls: c1.shared - c0.shared,
        };
      }
      results.push(entry);
      console.log(
        `[memory] ${phase.id}: ${run.requests.toLocaleString('en-US')} requests, heap ${entry.heapBeforeMb} -> ${entry.heapAfterMb} MB (${entry.growthMb >= 0 ? '+' : ''}${entry.growthMb} MB)` +
          (entry.cache ? `, real-origin hit rate ${(entry.cache.realHitRate * 100).toFixed(3)}%, cache sizes ${entry.cache.allowedSize}/${entry.cache.refusedSize}` : ''),
      );
      before = after;
    }
    return { adapter: 'fastify', requestsPerPhase: requests, boundMb, startupHeapMb: mb(startup.heapUsed), phases: results };
  } finally {
    await server.stop();
  }
}
