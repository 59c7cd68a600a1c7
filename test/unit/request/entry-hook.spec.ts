import { describe, expect, it } from '@jest/globals';
import { DECIDED_BY } from '../../../lib/internal/request/answer-actual-request.js';
import type { ActualStrategy, RouteTarget } from '../../../lib/internal/table/cors-table.js';
import type { CompiledPolicy } from '../../../lib/internal/policy/compiled-policy.js';
import { OriginMatcher } from '../../../lib/internal/origin/origin-matcher.js';
import { createEntryHook } from '../../../lib/internal/request/entry-hook.js';
import type { RouterEntry } from '../../../lib/internal/routing/preflight-router.js';
import { compiledPolicy } from '../support/compiled-policy.js';
import { FakeResponse, fakeWriter } from '../support/fake-response.js';
import { fakeRequestPath } from '../support/fake-request-path.js';

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example.net';
const allowsApp = (fields: Partial<CompiledPolicy> = {}) => compiledPolicy({ matcher: new OriginMatcher(new Set([APP]), [], [], undefined), ...fields });

function entryFor(policy: CompiledPolicy | undefined, strategy: ActualStrategy = 'entry-hook', candidates = 1): RouterEntry<RouteTarget> {
  const target = { policy, label: 'GET /r (R.get)', strategy };
  return { method: 'GET', path: '/r', regexp: /^\/r$/, candidates: Array.from({ length: candidates }, () => target) };
}

interface Outcome {
  passed: boolean;
  response: FakeResponse;
  request: { method: string; url: string; headers: Record<string, string>; [DECIDED_BY]?: CompiledPolicy };
  thisSeen: unknown;
}

type RunOptions = Omit<Parameters<typeof fakeRequestPath>[0], 'writer'>;

/** Runs the hook once; resolves when it either passed the request on or ended it. */
function run(options: RunOptions, method: string, headers: Record<string, string>): Promise<Outcome> {
  const response = new FakeResponse();
  const request = { method, url: '/r?q=1', headers };
  return new Promise((resolve) => {
    const thisValues: unknown[] = [];
    const previous = function (this: unknown, _req: unknown, _res: unknown, done: () => void) {
      thisValues.push(this);
      done();
    };
    const writer = {
      ...fakeWriter,
      sendEmpty: (res: unknown, status: number, h: Record<string, string>) => {
        fakeWriter.sendEmpty(res, status, h);
        resolve({ passed: false, response, request, thisSeen: thisValues[0] });
      },
    };
    const hook = createEntryHook(fakeRequestPath({ ...options, writer }), previous);
    hook.call('the adapter', request, response, () => resolve({ passed: true, response, request, thisSeen: thisValues[0] }));
  });
}

describe('entry hook: one step per request kind', () => {
  it('no Origin, where actual requests are decided here: its route answers Vary: Origin, sealed, passed on through the chained hook with its `this`', async () => {
    const policy = allowsApp();
    const out = await run({ entry: entryFor(policy), decideActualInEntryHook: true }, 'GET', {});
    expect(out).toMatchObject({ passed: true, thisSeen: 'the adapter' });
    expect(out.response.snapshot()).toEqual({ vary: 'Origin' });
    expect(out.response.sealedRefused).toBe(false);
    expect(out.request[DECIDED_BY]).toBe(policy);
  });

  it('no Origin, where actual requests are decided later (route hooks, guard): passed on untouched', async () => {
    const out = await run({ entry: entryFor(allowsApp()), decideActualInEntryHook: false }, 'GET', {});
    expect(out).toMatchObject({ passed: true, thisSeen: 'the adapter' });
    expect(out.response.snapshot()).toEqual({});
    expect(out.request[DECIDED_BY]).toBeUndefined();
  });

  it('preflight: answered here, never passed on', async () => {
    const out = await run({ entry: entryFor(allowsApp()) }, 'OPTIONS', { origin: APP, 'access-control-request-method': 'GET' });
    expect(out.passed).toBe(false);
    expect(out.response.sent?.status).toBe(204);
    expect(out.response.sent?.headers['Access-Control-Allow-Origin']).toBe(APP);
  });

  it('refused preflight: 403 with only Vary', async () => {
    const out = await run({ entry: entryFor(allowsApp()) }, 'OPTIONS', { origin: EVIL, 'access-control-request-method': 'GET' });
    expect(out.response.sent).toEqual({ status: 403, headers: { Vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers' } });
  });

  it("unmatched preflight with unmatchedPreflight 'pass': passed on", async () => {
    const out = await run({ passUnmatched: true }, 'OPTIONS', { origin: APP, 'access-control-request-method': 'GET' });
    expect(out.passed).toBe(true);
    expect(out.response.sent).toBeUndefined();
  });

  it('OPTIONS with Origin but no Access-Control-Request-Method is an actual request', async () => {
    const out = await run({ entry: entryFor(allowsApp()), decideActualInEntryHook: true }, 'OPTIONS', { origin: APP });
    expect(out.passed).toBe(true);
    expect(out.response.sent).toBeUndefined();
    expect(out.response.snapshot()).toEqual({ 'access-control-allow-origin': APP, vary: 'Origin' });
  });

  it('actual request decided here (Express): headers set, the request marked, then passed on', async () => {
    const policy = allowsApp({ credentials: true });
    const out = await run({ entry: entryFor(policy), decideActualInEntryHook: true }, 'GET', { origin: APP });
    expect(out.passed).toBe(true);
    expect(out.response.snapshot()).toEqual({ 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'true', vary: 'Origin' });
    expect(out.request[DECIDED_BY]).toBe(policy);
  });

  it.each([
    ['allowed', APP, { 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'true', vary: 'Origin' }, false],
    ['refused', EVIL, { vary: 'Origin' }, true],
  ])('where the guard does not run, a decision (%s) writes and seals the same, and leaves the request unmarked', async (_kind, origin, headers, refused) => {
    const policy = allowsApp({ credentials: true });
    const out = await run({ entry: entryFor(policy), decideActualInEntryHook: true, guardRuns: false }, 'GET', { origin });
    expect(out.passed).toBe(true);
    expect(out.response.snapshot()).toEqual(headers);
    expect(out.response.sealedRefused).toBe(refused);
    expect(out.request[DECIDED_BY]).toBeUndefined();
    expect(Object.getOwnPropertySymbols(out.request)).toEqual([]);
  });

  it('refused actual request decided here: only Vary, marked decided, passed on (the handler still runs)', async () => {
    const policy = allowsApp();
    const out = await run({ entry: entryFor(policy), decideActualInEntryHook: true }, 'GET', { origin: EVIL });
    expect(out.passed).toBe(true);
    expect(out.response.snapshot()).toEqual({ vary: 'Origin' });
    expect(out.request[DECIDED_BY]).toBe(policy);
  });

  it('an async origin function is awaited before the request goes on', async () => {
    let answer!: (allowed: boolean) => void;
    const policy = allowsApp({ originFunction: () => new Promise<boolean>((resolve) => (answer = resolve)) });
    const pending = run({ entry: entryFor(policy), decideActualInEntryHook: true }, 'GET', { origin: 'https://late.example.com' });
    await new Promise((resolve) => setImmediate(resolve));
    answer(true);
    const out = await pending;
    expect(out.passed).toBe(true);
    expect(out.response.snapshot()['access-control-allow-origin']).toBe('https://late.example.com');
  });

  it.each<[string, RunOptions]>([
    ['where the adapter decides elsewhere (Fastify)', { entry: entryFor(allowsApp()), decideActualInEntryHook: false }],
    ['on a route the guard decides', { entry: entryFor(allowsApp(), 'guard'), decideActualInEntryHook: true }],
    ['on an ambiguous entry', { entry: entryFor(allowsApp(), 'guard', 2), decideActualInEntryHook: true }],
    ['on a route without CORS', { entry: entryFor(undefined, 'none'), decideActualInEntryHook: true }],
    ['where no route matches', { decideActualInEntryHook: true }],
  ])('actual request left alone %s', async (_name, options) => {
    const out = await run(options, 'GET', { origin: APP });
    expect(out.passed).toBe(true);
    expect(out.response.snapshot()).toEqual({});
    expect(out.request[DECIDED_BY]).toBeUndefined();
  });
});
