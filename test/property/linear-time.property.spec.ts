/**
 * Cost properties (cors-protocol M15, N9, N10): the request path does work linear in the input,
 * with caps. For each input shape, the time for inputs of size n and 10n is measured (many calls
 * per round, fastest of many short rounds); a linear parser gives a ratio near 10, a quadratic one
 * near 100. The bound is 30. The fastest round, not the median: on a busy machine a round is
 * often descheduled, which only ever adds time, and more often to the long rounds of the large
 * input (a median ratio of 59 was seen for a linear parser under a full `npm test` with a busy
 * core); the fastest round is the one that ran undisturbed. Inputs above a cap must be refused in (about) constant time, which
 * passes the same bound.
 */
import { describe, expect, it } from '@jest/globals';
import { OriginMatcher } from '../../lib/internal/origin/origin-matcher.js';
import { MAX_ORIGIN_LENGTH, parseSerializedOrigin } from '../../lib/internal/origin/serialized-origin.js';
import { MAX_REQUEST_HEADERS_LENGTH, MAX_REQUEST_HEADER_NAMES, parseRequestHeaderNames } from '../../lib/internal/http/request-header-names.js';
import { libPattern } from './arbitraries.js';

const MAX_RATIO = 30;
const ROUNDS = 25;

/** Keeps results alive so the calls cannot be optimized away. */
let sink = 0;


/** Nanoseconds for `calls` calls of `fn(input)`. */
function timeCalls<T>(fn: (input: string) => T, input: string, calls: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) if (fn(input) !== undefined) sink++;
  return Number(process.hrtime.bigint() - start);
}

/**
 * Fastest time of `fn` on `large` divided by the fastest time on `small`, both over the same
 * number of calls, calibrated so that a round on the large input takes about a millisecond
 * (short enough to often run within one time slice).
 */
function costRatio<T>(fn: (input: string) => T, small: string, large: string): { ratio: number; smallNs: number; largeNs: number } {
  // Warm up both inputs so the JIT has settled before measuring.
  for (let i = 0; i < 200; i++) {
    fn(small);
    fn(large);
  }
  let calls = 16;
  while (timeCalls(fn, large, calls) < 1_000_000 && calls < 1 << 20) calls *= 2;
  const smallTimes: number[] = [];
  const largeTimes: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    smallTimes.push(timeCalls(fn, small, calls));
    largeTimes.push(timeCalls(fn, large, calls));
  }
  const smallNs = Math.min(...smallTimes) / calls;
  const largeNs = Math.min(...largeTimes) / calls;
  return { ratio: largeNs / Math.max(smallNs, 1e-3), smallNs, largeNs };
}

function expectLinear<T>(name: string, fn: (input: string) => T, small: string, large: string): void {
  expect(large.length).toBeGreaterThanOrEqual(9 * small.length);
  const { ratio, smallNs, largeNs } = costRatio(fn, small, large);
  const report = `${name}: ${small.length} chars ${smallNs.toFixed(0)} ns, ${large.length} chars ${largeNs.toFixed(0)} ns, ratio ${ratio.toFixed(1)}`;
  if (process.env.FC_COST_REPORT === 'true') process.stdout.write(`${report}\n`);
  expect({ report, linear: ratio < MAX_RATIO }).toEqual({ report, linear: true });
}

/** `count` header names of `length` characters each, joined by `sep`. */
function names(count: number, length: number, sep: string): string {
  return Array.from({ length: count }, (_, i) => `x-${i}-`.padEnd(length, 'a')).join(sep);
}

describe('parseRequestHeaderNames: cost grows linearly (property)', () => {
  const cap = MAX_REQUEST_HEADERS_LENGTH;
  const shapes: Array<[string, (n: number) => string]> = [
    // Names up to the cap on names, long enough to fill the length cap.
    ['name-heavy', (n) => names(Math.min(MAX_REQUEST_HEADER_NAMES, Math.max(1, Math.floor(n / 64))), 62, ', ').slice(0, n)],
    // Many short names (refused at the names cap) followed by a long tail.
    ['comma-heavy names', (n) => 'a,'.repeat(Math.floor(n / 2)).slice(0, n)],
    // Only commas: refused at the empty-items cap.
    ['comma run', (n) => ','.repeat(n)],
    // Commas and spaces: ", , , ..."
    ['comma-space run', (n) => ', '.repeat(Math.floor(n / 2))],
    // One name surrounded by whitespace.
    ['whitespace-heavy', (n) => `x-a${' \t'.repeat(Math.floor((n - 6) / 2))},x-b`],
    // One long token.
    ['one long name', (n) => 'x'.repeat(n)],
    // A long valid list with one bad character at the very end (full scan, then refusal).
    ['bad last character', (n) => `${names(Math.min(MAX_REQUEST_HEADER_NAMES, Math.max(1, Math.floor(n / 64))), 62, ',').slice(0, n - 1)}\u0000`],
    // Over the length cap: refused before any work.
    ['over the cap', (n) => 'x-a,'.repeat(Math.ceil(((cap + 1) * n) / 400))],
  ];

  it.each(shapes)('%s', (name, make) => {
    const large = make(cap - 8);
    const small = make(Math.floor((cap - 8) / 10));
    if (name !== 'over the cap') expect(large.length).toBeLessThanOrEqual(cap);
    expectLinear(name, parseRequestHeaderNames, small, large);
  });
});

/** A host name of exactly `length` characters (labels of at most 63 characters). */
function hostOfLength(length: number, fill = 'a'): string {
  const labels: string[] = [];
  let left = length;
  while (left > 0) {
    // Never leave a remainder of exactly 1 (it would need an empty label).
    const size = left <= 63 ? left : left === 64 ? 62 : 63;
    labels.push(fill.repeat(size));
    left -= size + 1;
  }
  return labels.join('.');
}

/** The longest host a serialized origin can have (DNS limit); the parser refuses longer ones. */
const MAX_HOST = 253;

describe('parseSerializedOrigin: cost grows linearly (property)', () => {
  const shapes: Array<[string, number, (n: number) => string]> = [
    // https://<host>.example:8443, valid, up to the longest host.
    ['long valid origin', 8 + MAX_HOST + 5, (n) => `https://${hostOfLength(n - 8 - 5 - 8)}.example:8443`],
    // A host that is refused only at its last character.
    ['bad last character', 8 + MAX_HOST, (n) => `https://${hostOfLength(n - 9)}/`],
    // Long IPv6 literal.
    ['long IPv6 literal', MAX_ORIGIN_LENGTH - 1, (n) => `http://[${'0:'.repeat(Math.floor((n - 10) / 2))}1]`],
    // Long scheme (refused after the scan).
    ['long scheme', MAX_ORIGIN_LENGTH - 1, (n) => `${'a'.repeat(n - 12)}://a.example`],
  ];

  it.each(shapes)('%s (under MAX_ORIGIN_LENGTH)', (name, size, make) => {
    const large = make(size);
    const small = make(Math.floor(size / 10));
    expect(large.length).toBeLessThanOrEqual(MAX_ORIGIN_LENGTH);
    if (name === 'long valid origin') {
      expect(parseSerializedOrigin(large)).toBeDefined();
      expect(parseSerializedOrigin(small)).toBeDefined();
    }
    expectLinear(name, parseSerializedOrigin, small, large);
  });

  it('over MAX_ORIGIN_LENGTH: 10 000 vs 100 000 characters (refused up front)', () => {
    const small = `https://${'a'.repeat(10_000)}.example`;
    const large = `https://${'a'.repeat(100_000)}.example`;
    expect(parseSerializedOrigin(large)).toBeUndefined();
    expectLinear('over the cap', parseSerializedOrigin, small, large);
  });
});

describe('OriginMatcher.matches with patterns: cost grows linearly (property)', () => {
  const patterns = Array.from({ length: 50 }, (_, i) => libPattern({ scheme: 'https', host: `s${i}.io`, anySubdomain: true, port: '*' }));
  const matcher = new OriginMatcher(new Set(['https://app.example.com']), patterns, [/^https:\/\/[a-z]+\.example\.org$/], undefined);
  const matches = (origin: string) => (matcher.matches(origin) ? true : undefined);

  /** A valid origin of n characters that ends like the patterns but matches none, so every pattern is tried. */
  function nearlyMatching(n: number): string {
    const tail = '.s0x.io';
    return `https://${hostOfLength(n - 8 - tail.length - 5, 'a')}${tail}:8443`;
  }

  it('valid origins up to the longest host, reaching every pattern', () => {
    const size = 8 + MAX_HOST + 5;
    const large = nearlyMatching(size);
    const small = nearlyMatching(Math.floor(size / 10));
    for (const value of [small, large]) {
      expect(parseSerializedOrigin(value)).toBeDefined();
      expect(matcher.matches(value)).toBe(false);
    }
    expectLinear('nearly matching', matches, small, large);
  });

  it('values over MAX_ORIGIN_LENGTH (refused before any pattern)', () => {
    const small = `https://${'a.'.repeat(5_000)}s1.io`;
    const large = `https://${'a.'.repeat(50_000)}s1.io`;
    expect(matcher.matches(large)).toBe(false);
    expectLinear('over the cap', matches, small, large);
  });

  it('keeps the sink alive', () => {
    expect(sink).toBeGreaterThanOrEqual(0);
  });
});
