import { describe, expect, it } from '@jest/globals';
import type { CorsOriginRecord } from '../../../lib/index.js';
import { OriginLedger } from '../../../lib/internal/origin-store/origin-ledger.js';

const A = 'https://a.example.com';
const B = 'https://b.example.com';
const rec = (origin: string, signed: number, policy = 'default'): CorsOriginRecord => ({ policy, origin, allowed: signed > 0, version: Math.abs(signed) });

/** One step against the ledger: a record from the store, or a local change started or settled. */
type Step =
  | { accept: CorsOriginRecord; taken: boolean }
  | { intend: [origin: string, allowed: boolean]; handle: string }
  | { settle: [origin: string, handle: string] };

describe('OriginLedger', () => {
  it.each<{ name: string; steps: Step[]; allowed: string[]; records: CorsOriginRecord[] }>([
    { name: 'a record is taken', steps: [{ accept: rec(A, 5), taken: true }], allowed: [A], records: [rec(A, 5)] },
    { name: 'a newer revoke replaces an allow', steps: [{ accept: rec(A, 5), taken: true }, { accept: rec(A, -6), taken: true }], allowed: [], records: [rec(A, -6)] },
    { name: 'an older allow does not replace a revoke', steps: [{ accept: rec(A, -6), taken: true }, { accept: rec(A, 5), taken: false }], allowed: [], records: [rec(A, -6)] },
    { name: 'the same version is not taken twice', steps: [{ accept: rec(A, 5), taken: true }, { accept: rec(A, -5), taken: false }], allowed: [A], records: [rec(A, 5)] },
    { name: 'policies are kept apart', steps: [{ accept: rec(A, 5), taken: true }, { accept: rec(A, -6, 'partners'), taken: true }], allowed: [A], records: [rec(A, 5), rec(A, -6, 'partners')] },
    { name: 'records come out oldest first', steps: [{ accept: rec(B, 9), taken: true }, { accept: rec(A, 5), taken: true }], allowed: [A, B], records: [rec(A, 5), rec(B, 9)] },
    { name: 'a pending allow counts before its record arrives', steps: [{ intend: [A, true], handle: 'w' }], allowed: [A], records: [] },
    { name: 'a pending revoke hides a record', steps: [{ accept: rec(A, 5), taken: true }, { intend: [A, false], handle: 'w' }], allowed: [], records: [rec(A, 5)] },
    { name: 'a refused write leaves the record deciding', steps: [{ accept: rec(A, 5), taken: true }, { intend: [A, false], handle: 'w' }, { settle: [A, 'w'] }], allowed: [A], records: [rec(A, 5)] },
    {
      name: 'an earlier write settling leaves a later pending change in place',
      steps: [{ intend: [A, true], handle: 'first' }, { intend: [A, false], handle: 'second' }, { settle: [A, 'first'] }],
      allowed: [],
      records: [],
    },
    {
      name: 'a taken write: its record decides once settled',
      steps: [{ intend: [A, true], handle: 'w' }, { accept: rec(A, 7), taken: true }, { settle: [A, 'w'] }],
      allowed: [A],
      records: [rec(A, 7)],
    },
  ])('$name', ({ steps, allowed, records }) => {
    const ledger = new OriginLedger();
    const handles = new Map<string, number>();
    for (const step of steps) {
      if ('accept' in step) expect(ledger.accept(step.accept)).toBe(step.taken);
      else if ('intend' in step) handles.set(step.handle, ledger.intend('default', step.intend[0], step.intend[1]));
      else ledger.settle('default', step.settle[0], handles.get(step.settle[1])!);
    }
    expect(ledger.allowedEntries().filter((e) => e.policy === 'default').map((e) => e.origin)).toEqual(allowed);
    expect(ledger.all()).toEqual(records);
  });
});
