import { describe, expect, it, jest } from '@jest/globals';
import { CorsOriginFunction } from '../../../lib/interfaces/cors-policy-options.interface.js';
import { OriginDecisionCache } from '../../../lib/internal/origin/origin-decision-cache.js';
import { OriginMatcher } from '../../../lib/internal/origin/origin-matcher.js';
import { OriginFunctionFailure, checkOrigin } from '../../../lib/internal/policy/check-origin.js';
import { compiledPolicy } from '../support/compiled-policy.js';

const ORIGIN = 'https://app.example.com';
const REQUEST = { url: '/r', headers: { origin: ORIGIN } };
const TIMEOUT_MS = 20;
const never = () => new Promise<boolean>(() => undefined);

/** An origin function returning `value`, whatever its type (origin functions are user code). */
const returning = (value: unknown) => jest.fn<CorsOriginFunction>(() => value as boolean);

function run(fn: CorsOriginFunction | undefined, origin = ORIGIN, extra: Parameters<typeof compiledPolicy>[0] = {}) {
  const failures: OriginFunctionFailure[] = [];
  const result = checkOrigin(compiledPolicy({ originFunction: fn, ...extra }), origin, REQUEST, TIMEOUT_MS, (f) => failures.push(f));
  return { result, failures };
}

describe('checkOrigin: synchronous answers', () => {
  it.each<{ name: string; fn: CorsOriginFunction | undefined; expected: boolean }>([
    { name: 'no function, no match', fn: undefined, expected: false },
    { name: 'returns true', fn: returning(true), expected: true },
    { name: 'returns false', fn: returning(false), expected: false },
    { name: "returns 'yes'", fn: returning('yes'), expected: false },
    { name: "returns 'true'", fn: returning('true'), expected: false },
    { name: 'returns 1', fn: returning(1), expected: false },
    { name: 'returns an object', fn: returning({ allowed: true }), expected: false },
    { name: 'returns an array', fn: returning([true]), expected: false },
    { name: 'returns undefined', fn: returning(undefined), expected: false },
    { name: 'returns null', fn: returning(null), expected: false },
    { name: 'returns the origin', fn: returning(ORIGIN), expected: false },
  ])('$name -> $expected, synchronously', ({ fn, expected }) => {
    const { result, failures } = run(fn);
    expect(result).toBe(expected);
    expect(failures).toEqual([]);
  });

  it('a throwing function refuses and reports the error', () => {
    const error = new Error('database down');
    const fn = jest.fn<CorsOriginFunction>(() => {
      throw error;
    });
    const { result, failures } = run(fn);
    expect(result).toBe(false);
    expect(failures).toEqual([{ kind: 'threw', error }]);
  });

  it('passes the origin and the request to the function', () => {
    const fn = returning(true);
    run(fn);
    expect(fn.mock.calls).toEqual([[ORIGIN, REQUEST]]);
  });
});

describe('checkOrigin: asynchronous answers', () => {
  it.each<{ name: string; fn: CorsOriginFunction; expected: boolean }>([
    { name: 'resolves true', fn: returning(Promise.resolve(true)), expected: true },
    { name: 'resolves false', fn: returning(Promise.resolve(false)), expected: false },
    { name: "resolves 'yes'", fn: returning(Promise.resolve('yes')), expected: false },
    { name: 'resolves 1', fn: returning(Promise.resolve(1)), expected: false },
    { name: 'resolves undefined', fn: returning(Promise.resolve(undefined)), expected: false },
    { name: 'async function returning true', fn: async () => true, expected: true },
    { name: 'thenable resolving true', fn: returning({ then: (resolve: (v: boolean) => void) => resolve(true) }), expected: true },
  ])('$name -> $expected', async ({ fn, expected }) => {
    const { result, failures } = run(fn);
    expect(result).toBeInstanceOf(Promise);
    await expect(result).resolves.toBe(expected);
    expect(failures).toEqual([]);
  });

  it('a rejecting function refuses and reports the error', async () => {
    const error = new Error('timeout upstream');
    const { result, failures } = run(() => Promise.reject(error));
    await expect(result).resolves.toBe(false);
    expect(failures).toEqual([{ kind: 'threw', error }]);
  });

  it('an async function that throws refuses and reports the error', async () => {
    const error = new TypeError('bad');
    const { result, failures } = run(async () => {
      throw error;
    });
    await expect(result).resolves.toBe(false);
    expect(failures).toEqual([{ kind: 'threw', error }]);
  });

  it(`a promise that never settles refuses after the timeout (${TIMEOUT_MS} ms)`, async () => {
    const started = Date.now();
    const { result, failures } = run(never);
    await expect(result).resolves.toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 2);
    expect(failures).toEqual([{ kind: 'timeout', ms: TIMEOUT_MS }]);
  });

  it('an answer that arrives after the timeout does not change the verdict or report twice', async () => {
    let resolveLate!: (value: boolean) => void;
    const late = new Promise<boolean>((resolve) => (resolveLate = resolve));
    const { result, failures } = run(() => late);
    await expect(result).resolves.toBe(false);
    resolveLate(true);
    await late;
    expect(failures).toEqual([{ kind: 'timeout', ms: TIMEOUT_MS }]);
  });
});

describe('checkOrigin: values that are not serialized origins never reach the function', () => {
  it.each([
    'null',
    '',
    'https://app.example.com/',
    'https://APP.example.com',
    'https://app.example.com, https://evil.example.com',
    ' https://app.example.com',
    'https://app.example.com:443',
    'file://',
    `https://${'a'.repeat(400)}.com`,
  ])('%j', (origin) => {
    const fn = returning(true);
    const { result, failures } = run(fn, origin);
    expect(result).toBe(false);
    expect(fn).not.toHaveBeenCalled();
    expect(failures).toEqual([]);
  });
});

describe('checkOrigin: static rules come first', () => {
  const listed = new OriginMatcher(new Set([ORIGIN]), [], [], undefined);
  it.each<{ name: string; extra: Parameters<typeof compiledPolicy>[0]; origin: string; answer: boolean; called: boolean; expected: boolean }>([
    { name: "origin '*' allows any value without asking", extra: { anyOrigin: true }, origin: 'https://evil.example.com', answer: false, called: false, expected: true },
    { name: 'listed origin is allowed without asking', extra: { matcher: listed }, origin: ORIGIN, answer: false, called: false, expected: true },
    { name: 'unlisted origin: the function decides (true)', extra: { matcher: listed }, origin: 'https://other.example.com', answer: true, called: true, expected: true },
    { name: 'unlisted origin: the function decides (false)', extra: { matcher: listed }, origin: 'https://other.example.com', answer: false, called: true, expected: false },
  ])('$name', ({ extra, origin, answer, called, expected }) => {
    const fn = returning(answer);
    const { result } = run(fn, origin, extra);
    expect(result).toBe(expected);
    expect(fn.mock.calls.length).toBe(called ? 1 : 0);
  });
});

describe('checkOrigin with an origin cache', () => {
  const cacheOptions = { ttl: 60_000, negativeTtl: 60_000, max: 100, maxNegative: 100 };

  it.each<{ name: string; answer: unknown; expected: boolean }>([
    { name: 'sync true', answer: true, expected: true },
    { name: 'sync false', answer: false, expected: false },
    { name: 'async true', answer: Promise.resolve(true), expected: true },
    { name: 'async false', answer: Promise.resolve(false), expected: false },
    { name: "async 'yes'", answer: Promise.resolve('yes'), expected: false },
  ])('$name: the second check is answered from the cache', async ({ answer, expected }) => {
    const fn = returning(answer);
    const originCache = new OriginDecisionCache(cacheOptions);
    const first = run(fn, ORIGIN, { originCache });
    expect(await first.result).toBe(expected);
    const second = run(fn, ORIGIN, { originCache });
    expect(second.result).toBe(expected);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('concurrent checks of one unknown origin share one call', async () => {
    let resolveCall!: (value: boolean) => void;
    const fn = jest.fn<CorsOriginFunction>(() => new Promise<boolean>((resolve) => (resolveCall = resolve)));
    const originCache = new OriginDecisionCache(cacheOptions);
    const results = [run(fn, ORIGIN, { originCache }).result, run(fn, ORIGIN, { originCache }).result];
    resolveCall(true);
    expect(await Promise.all(results)).toEqual([true, true]);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('errors are not remembered: the next check asks again', async () => {
    const fn = jest
      .fn<CorsOriginFunction>()
      .mockImplementationOnce(() => {
        throw new Error('first call fails');
      })
      .mockImplementationOnce(() => true);
    const originCache = new OriginDecisionCache(cacheOptions);
    const first = run(fn, ORIGIN, { originCache });
    expect(first.result).toBe(false);
    expect(first.failures).toHaveLength(1);
    const second = run(fn, ORIGIN, { originCache });
    expect(second.result).toBe(true);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('a call that timed out is not shared with the next check', async () => {
    const fn = jest.fn<CorsOriginFunction>().mockImplementationOnce(never).mockImplementationOnce(() => true);
    const originCache = new OriginDecisionCache(cacheOptions);
    const first = run(fn, ORIGIN, { originCache });
    await expect(first.result).resolves.toBe(false);
    expect(first.failures).toEqual([{ kind: 'timeout', ms: TIMEOUT_MS }]);
    const second = run(fn, ORIGIN, { originCache });
    expect(second.result).toBe(true);
    expect(fn).toHaveBeenCalledTimes(2);
  });
});
