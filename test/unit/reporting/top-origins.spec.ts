import { describe, expect, it } from '@jest/globals';
import { TopOrigins } from '../../../lib/internal/reporting/top-origins.js';
import { MAX_REPORTED_ORIGIN_LENGTH, OriginReport } from '../../../lib/internal/reporting/origin-report.js';

/** A deterministic stream: `heavy` origins each `share` of the requests, the rest distinct random ones. */
function* stream(total: number, heavy: string[], share: number): Generator<string> {
  let seed = 42;
  for (let i = 0; i < total; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const pick = seed / 2 ** 31;
    const index = Math.floor(pick / share);
    yield index < heavy.length ? heavy[index]! : `https://r${i}.example`;
  }
}

describe('TopOrigins: Space-Saving in a min-heap', () => {
  it('exact while fewer origins than slots', () => {
    const top = new TopOrigins(3);
    for (const origin of ['a', 'b', 'a', 'c', 'a', 'b']) top.hit(origin, 1);
    expect(top.list().map((s) => [s.origin, s.count, s.error]).sort()).toEqual([
      ['a', 3, 0],
      ['b', 2, 0],
      ['c', 1, 0],
    ]);
  });

  it('a new origin takes the least counted slot and inherits its count as the error', () => {
    const top = new TopOrigins(2);
    for (const origin of ['a', 'a', 'a', 'b', 'c']) top.hit(origin, 1);
    expect(top.list().map((s) => [s.origin, s.count, s.error]).sort()).toEqual([
      ['a', 3, 0],
      ['c', 2, 1],
    ]);
  });

  it.each([
    [100, 0.05],
    [1000, 0.01],
  ])('capacity %i under a flood: never more slots; every origin above N/capacity kept; true counts within [count - error, count]', (capacity, share) => {
    const heavy = ['https://app.example.com', 'https://partner.example.org', 'https://admin.example.com'];
    const truth = new Map<string, number>();
    const top = new TopOrigins(capacity);
    const total = 200_000;
    for (const origin of stream(total, heavy, share)) {
      truth.set(origin, (truth.get(origin) ?? 0) + 1);
      top.hit(origin, 0);
    }
    const slots = top.list();
    expect(slots.length).toBe(capacity);
    for (const slot of slots) {
      const real = truth.get(slot.origin)!;
      expect(real).toBeLessThanOrEqual(slot.count);
      expect(real).toBeGreaterThanOrEqual(slot.count - slot.error);
      expect(slot.error).toBeLessThanOrEqual(total / capacity);
    }
    const tracked = new Set(slots.map((s) => s.origin));
    for (const [origin, count] of truth) if (count > total / capacity) expect(tracked.has(origin)).toBe(true);
    for (const origin of heavy) expect(tracked.has(origin)).toBe(true);
    // The heap orders the least counted slot first.
    expect(slots[0]!.count).toBe(Math.min(...slots.map((s) => s.count)));
  });
});

describe('OriginReport: per policy and outcome', () => {
  it('outcomes apart: a flood of refused origins leaves allowed and changed ones; totals exact', () => {
    const report = new OriginReport(2);
    report.record('module', 'https://app.example.com', true, false, 1000);
    report.record('module', 'https://legacy.example.com', false, true, 2000);
    for (let i = 0; i < 50; i++) report.record('module', `https://r${i}.example`, false, false, 3000);
    const [module] = report.snapshot();
    expect(module).toMatchObject({ policy: 'module', allowed: 1, refused: 51, changed: 1 });
    expect(module!.origins.map((o) => o.origin)).toEqual(['https://r48.example', 'https://r49.example', 'https://app.example.com', 'https://legacy.example.com']);
    expect(module!.origins.find((o) => o.origin === 'https://legacy.example.com')).toEqual({
      origin: 'https://legacy.example.com',
      allowed: 0,
      refused: 1,
      changed: 1,
      uncounted: 0,
      lastSeen: new Date(2000).toISOString(),
    });
  });

  it('an origin in two outcomes is one entry, its counts added', () => {
    const report = new OriginReport(10);
    report.record('policy:partners', 'https://p.example', true, false, 5);
    report.record('policy:partners', 'https://p.example', false, false, 9);
    expect(report.snapshot()[0]!.origins).toEqual([{ origin: 'https://p.example', allowed: 1, refused: 1, changed: 0, uncounted: 0, lastSeen: new Date(9).toISOString() }]);
  });

  it(`origins over ${MAX_REPORTED_ORIGIN_LENGTH} characters are cut there`, () => {
    const report = new OriginReport(10);
    report.record('none', `https://${'a'.repeat(20_000)}.example`, false, false, 0);
    const [kept] = report.snapshot()[0]!.origins;
    expect(kept!.origin).toBe(`https://${'a'.repeat(MAX_REPORTED_ORIGIN_LENGTH - 8)}…`);
  });
});
