/* global process, console */
/**
 * Micro-benchmarks of the engine alone, in ns/op: origin matching for each origin form,
 * preflight decisions and headers, `Access-Control-Request-Headers` parsing, the headers
 * of an actual response, the Express route lookup (index vs linear scan) and the `paths` lookup. Imports the compiled internals from dist/. Prints JSON on stdout.
 */
import { checkOrigin } from '../dist/internal/policy/check-origin.js';
import { compilePolicy } from '../dist/internal/policy/compile-policy.js';
import { RuntimeOrigins } from '../dist/internal/origin/runtime-origins.js';
import { OriginDecisionCache } from '../dist/internal/origin/origin-decision-cache.js';
import { parseRequestHeaderNames } from '../dist/internal/http/request-header-names.js';
import { decide } from '../dist/internal/decision/decide.js';
import { TableReporting } from '../dist/internal/reporting/table-reporting.js';
import { CorsDiagnostics } from '../dist/internal/diagnostics/cors-diagnostics.js';
import { parsePreflight } from '../dist/internal/decision/preflight-request.js';
import { sendPreflightAnswer } from '../dist/internal/response/preflight-response.js';
import { applyActualCors } from '../dist/internal/response/apply-actual-cors.js';
import { compileExpressPath } from '../dist/internal/routing/compile-path.js';
import { PreflightRouter } from '../dist/internal/routing/preflight-router.js';
import { ExpressRouteIndex } from '../dist/internal/routing/express-route-index.js';
import { parsePathPattern } from '../dist/internal/routing/path-pattern.js';
import { PathPolicyIndex } from '../dist/internal/routing/path-policy-index.js';

const BATCHES = Number(process.env.BENCH_MICRO_BATCHES ?? 9);
const TARGET_MS = Number(process.env.BENCH_MICRO_BATCH_MS ?? 100);
let sink = 0;

/** Median ns/op over BATCHES batches, each sized to take about TARGET_MS. */
function measure(fn) {
  let iterations = 1000;
  for (;;) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) sink ^= fn(i) ? 1 : 0;
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (ms >= TARGET_MS / 4) {
      iterations = Math.max(1000, Math.round((iterations * TARGET_MS) / ms));
      break;
    }
    iterations *= 4;
  }
  const samples = [];
  for (let b = 0; b < BATCHES; b++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) sink ^= fn(i) ? 1 : 0;
    samples.push(Number(process.hrtime.bigint() - start) / iterations);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1];
}

const policy = (options, runtime, cache) => compilePolicy({ credentials: true, ...options }, runtime, 'the module defaults', cache);
const noFailure = () => undefined;
const check = (p, origin) => checkOrigin(p, origin, undefined, 5000, noFailure) === true;

const exactList = policy({ origin: ['https://a.example.com', 'https://app.example.com', 'https://c.example.com'] });
const single = policy({ origin: 'https://app.example.com' });
const subdomain = policy({ origin: ['https://*.example.com'] });
const anyPort = policy({ origin: ['http://localhost:*'] });
const regexp = policy({ origin: [/^https:\/\/[a-z0-9-]+\.example\.com$/] });
const runtime = new RuntimeOrigins();
for (let i = 0; i < 100; i++) runtime.addExact(`https://tenant${i}.example.org`);
const withRuntime = policy({ origin: ['https://app.example.com'] }, runtime);
const syncFunction = policy({ origin: (o) => o.endsWith('.example.com') });
const cache = new OriginDecisionCache({ ttl: 60_000, negativeTtl: 5_000, max: 10_000, maxNegative: 10_000 });
const cachedAsync = policy({ origin: async (o) => o === 'https://app.example.com' }, undefined, cache);
await checkOrigin(cachedAsync, 'https://app.example.com', undefined, 5000, noFailure);
const any = policy({ origin: '*', credentials: false });

const results = [];
const add = (group, name, fn) => results.push({ group, name, nsPerOp: measure(fn) });

add('origin', "exact, single string ('https://app.example.com')", () => check(single, 'https://app.example.com'));
add('origin', 'exact, list of 3, middle entry', () => check(exactList, 'https://app.example.com'));
add('origin', 'exact, list of 3, refused', () => check(exactList, 'https://evil.example.net'));
add('origin', "subdomain pattern ('https://*.example.com')", () => check(subdomain, 'https://api.eu.example.com'));
add('origin', 'subdomain pattern, refused', () => check(subdomain, 'https://example.com.evil.net'));
add('origin', "any port ('http://localhost:*')", () => check(anyPort, 'http://localhost:5173'));
add('origin', 'anchored RegExp', () => check(regexp, 'https://api.example.com'));
add('origin', 'runtime origins (100 exact), hit', () => check(withRuntime, 'https://tenant50.example.org'));
add('origin', "'*'", () => check(any, 'https://anything.example'));
add('origin', 'sync origin function', () => check(syncFunction, 'https://api.example.com'));
add('origin', 'async origin function, cached answer', () => check(cachedAsync, 'https://app.example.com'));
add('origin', "malformed value ('null')", () => check(subdomain, 'null'));

add('request headers', "parse 'content-type, authorization'", () => parseRequestHeaderNames('content-type, authorization') !== undefined);
add('request headers', 'parse 8 names, mixed case', () =>
  parseRequestHeaderNames('Content-Type, Authorization, X-Request-Id, X-Trace, Accept-Language, X-Api-Key, If-Match, X-Tenant') !== undefined,
);
const hostile = 'a,'.repeat(4000);
add('request headers', 'refuse 8 KB hostile list (over the name cap)', () => parseRequestHeaderNames(hostile) === undefined);

const withHeaders = policy({ origin: ['https://app.example.com'], methods: ['GET', 'POST', 'PUT', 'DELETE'], allowedHeaders: ['Content-Type', 'Authorization'], maxAge: 600 });
const rules = { originCheckTimeout: 1000, requireOrigin: false, onOriginFunctionFailure: () => undefined };
const candidates = [{ policy: withHeaders, label: 'PUT /items/:id (ItemsController.put)' }];
const preflightHeaders = { 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type, authorization' };
const ask = parsePreflight(preflightHeaders);
const question = { kind: 'preflight', transport: 'http', origin: 'https://app.example.com', request: undefined, ...ask };
const noWrite = { sendEmpty: () => undefined };
add('preflight', 'decision (one route)', () => decide(question, candidates, 'every', rules).allowed);
add('preflight', 'answer from a verdict (one route)', () => {
  sendPreflightAnswer(noWrite, undefined, { allowed: true, reason: 'allowed', grant: withHeaders, candidate: candidates[0] }, question.origin, ask);
  return true;
});
add('preflight', 'parse + decide + answer', () => {
  const parsed = parsePreflight(preflightHeaders);
  const verdict = decide({ kind: 'preflight', transport: 'http', origin: 'https://app.example.com', request: undefined, ...parsed }, candidates, 'every', rules);
  sendPreflightAnswer(noWrite, undefined, verdict, 'https://app.example.com', parsed);
  return verdict.allowed;
});

/** A response that stores headers like Node's, for the actual-request path without a socket. */
class FakeResponse {
  headers = {};
  getHeader(name) {
    return this.headers[name.toLowerCase()];
  }
  setHeader(name, value) {
    this.headers[name.toLowerCase()] = value;
  }
  removeHeader(name) {
    delete this.headers[name.toLowerCase()];
  }
}
const writer = {
  getHeader: (res, name) => res.getHeader(name),
  setHeader: (res, name, value) => res.setHeader(name, value),
  removeHeader: (res, name) => res.removeHeader(name),
  sendEmpty: () => undefined,
};
const actualPolicy = policy({ origin: ['https://a.example.com', 'https://app.example.com', 'https://c.example.com'], exposedHeaders: ['X-Request-Id'] });
const actualCandidates = [{ policy: actualPolicy, label: 'GET /items (ItemsController.list)' }];
add('actual request', 'decide + headers, allowed origin', () => {
  const res = new FakeResponse();
  const verdict = decide({ kind: 'actual', transport: 'http', origin: 'https://app.example.com', request: undefined }, actualCandidates, 'every', rules);
  applyActualCors(verdict.grant, 'https://app.example.com', verdict.allowed, res, writer);
  return res.headers.vary !== undefined;
});
// Reporting (issue 22): the same allowed decision with nothing reported (above), with a reporting
// that does nothing (the step's own cost), and with what `onDecision` (a no-op listener),
// `originReport` and `metrics` (a counter whose `add` does nothing, as without an SDK) cost.
const actualQuestion = { kind: 'actual', transport: 'http', origin: 'https://app.example.com', request: undefined };
const idleReporting = { behind: undefined, record: () => undefined };
const reportingTable = (reporting) => ({ settings: { debug: false, reporting: { listener: undefined, metrics: false, maxOrigins: 0, behind: undefined, ...reporting } } });
const withListener = new TableReporting(reportingTable({ listener: () => undefined }), new CorsDiagnostics(false));
const withEverything = new TableReporting(reportingTable({ listener: () => undefined, maxOrigins: 1000, metrics: true }), new CorsDiagnostics(false));
await withEverything.start(async () => ({ metrics: { getMeter: () => ({ createCounter: () => ({ add: () => undefined }) }) } }));
const behindCandidate = { policy: policy({ origin: '*', credentials: false }), label: 'rollout.current' };
const reportOnly = new TableReporting(reportingTable({ behind: behindCandidate }), new CorsDiagnostics(false));
for (const [name, reporting] of [
  ['nothing reported', undefined],
  ['a reporting step that does nothing', idleReporting],
  ['onDecision (no-op listener)', withListener],
  ['onDecision + originReport + metrics', withEverything],
  ['report-only behind rollout.current (nothing else)', reportOnly],
]) {
  const reportingRules = { ...rules, reporting };
  add('reporting', `decide, allowed, ${name}`, () => decide(actualQuestion, actualCandidates, 'every', reportingRules).allowed);
}

add('actual request', 'headers, no Origin', () => {
  const res = new FakeResponse();
  applyActualCors(actualPolicy, undefined, false, res, writer);
  return res.headers.vary !== undefined;
});

/** `controllers` controllers of 5 routes each under `/api`, as Express (default options) orders them. */
function expressRoutes(controllers) {
  const matching = { caseSensitive: false, strictTrailingSlash: false };
  const entries = [];
  for (let c = 0; c < controllers; c++) {
    for (const [method, suffix] of [['GET', ''], ['GET', '/:id'], ['POST', ''], ['PUT', '/:id'], ['DELETE', '/:id']]) {
      const path = `/api/controller${c}${suffix}`;
      entries.push({ method, path, regexp: compileExpressPath(path, matching), candidates: [path] });
    }
  }
  return { index: new ExpressRouteIndex(entries, matching), linear: new PreflightRouter(entries) };
}
for (const controllers of [20, 1000]) {
  const { index, linear } = expressRoutes(controllers);
  const path = `/api/controller${controllers - 1}/42`;
  add('express route lookup', `index, ${controllers * 5} routes, GET last controller`, () => index.find('GET', path) !== undefined);
  add('express route lookup', `linear scan, ${controllers * 5} routes, GET last controller`, () => linear.find('GET', path) !== undefined);
}

// `paths` entries: what every request pays when the app has some (requests without Origin included).
const pathPatterns = ['/graphql', '/assets/*', '/assets/private/*', '/docs-json', '/docs/*', '/hooks/*'];
for (const [adapter, matching] of [
  ['Express', { caseSensitive: false, strictTrailingSlash: false, decode: false }],
  ['Fastify', { caseSensitive: true, strictTrailingSlash: true, decode: true }],
]) {
  const pathIndex = new PathPolicyIndex(pathPatterns.map((source) => ({ pattern: parsePathPattern(source), target: source })), matching);
  add('paths lookup', `${adapter}, 6 entries, exact hit (/graphql)`, () => pathIndex.find('/graphql') !== undefined);
  add('paths lookup', `${adapter}, 6 entries, wildcard hit (/assets/css/site.css)`, () => pathIndex.find('/assets/css/site.css') !== undefined);
  add('paths lookup', `${adapter}, 6 entries, miss (/api/controller19/42)`, () => pathIndex.find('/api/controller19/42') === undefined);
}

process.stdout.write(JSON.stringify({ results, sink }) + '\n');
if (process.env.BENCH_VERBOSE) for (const r of results) console.error(`${r.group.padEnd(16)} ${r.name.padEnd(50)} ${r.nsPerOp.toFixed(1)} ns/op`);
