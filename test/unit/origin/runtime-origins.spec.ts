import { describe, expect, it } from '@jest/globals';
import { RuntimeOrigins } from '../../../lib/internal/origin/runtime-origins.js';
import { parts, pattern } from '../support/origins.js';

type Op =
  | { op: 'addExact'; value: string }
  | { op: 'addPattern'; value: string }
  | { op: 'remove'; value: string; returns: boolean }
  | { op: 'replaceAll'; exact: string[]; patterns: string[] };

function run(ops: readonly Op[]): RuntimeOrigins {
  const runtime = new RuntimeOrigins();
  for (const step of ops) {
    if (step.op === 'addExact') runtime.addExact(step.value);
    else if (step.op === 'addPattern') runtime.addPattern(pattern(step.value));
    else if (step.op === 'remove') expect(runtime.remove(step.value)).toBe(step.returns);
    else runtime.replaceAll(step.exact, step.patterns.map(pattern));
  }
  return runtime;
}

describe('RuntimeOrigins', () => {
  it.each<{ name: string; ops: Op[]; list: string[]; allowed: string[]; refused: string[] }>([
    { name: 'empty', ops: [], list: [], allowed: [], refused: ['https://a.example.com'] },
    {
      name: 'add exact',
      ops: [{ op: 'addExact', value: 'https://a.example.com' }],
      list: ['https://a.example.com'],
      allowed: ['https://a.example.com'],
      refused: ['https://b.example.com', 'https://x.a.example.com'],
    },
    {
      name: 'add exact twice keeps one entry',
      ops: [
        { op: 'addExact', value: 'https://a.example.com' },
        { op: 'addExact', value: 'https://a.example.com' },
      ],
      list: ['https://a.example.com'],
      allowed: ['https://a.example.com'],
      refused: [],
    },
    {
      name: 'add pattern',
      ops: [{ op: 'addPattern', value: 'https://*.example.com' }],
      list: ['https://*.example.com'],
      allowed: ['https://a.example.com', 'https://a.b.example.com'],
      refused: ['https://example.com', 'https://evilexample.com'],
    },
    {
      name: 'add the same pattern twice replaces it',
      ops: [
        { op: 'addPattern', value: 'https://*.example.com' },
        { op: 'addPattern', value: 'http://localhost:*' },
        { op: 'addPattern', value: 'https://*.example.com' },
      ],
      list: ['http://localhost:*', 'https://*.example.com'],
      allowed: ['https://a.example.com', 'http://localhost:1234'],
      refused: [],
    },
    {
      name: 'remove exact',
      ops: [
        { op: 'addExact', value: 'https://a.example.com' },
        { op: 'remove', value: 'https://a.example.com', returns: true },
      ],
      list: [],
      allowed: [],
      refused: ['https://a.example.com'],
    },
    {
      name: 'remove pattern',
      ops: [
        { op: 'addPattern', value: 'https://*.example.com' },
        { op: 'addExact', value: 'https://keep.example.org' },
        { op: 'remove', value: 'https://*.example.com', returns: true },
      ],
      list: ['https://keep.example.org'],
      allowed: ['https://keep.example.org'],
      refused: ['https://a.example.com'],
    },
    {
      name: 'remove something absent',
      ops: [
        { op: 'addExact', value: 'https://a.example.com' },
        { op: 'remove', value: 'https://b.example.com', returns: false },
        { op: 'remove', value: 'https://*.a.example.com', returns: false },
      ],
      list: ['https://a.example.com'],
      allowed: ['https://a.example.com'],
      refused: ['https://b.example.com'],
    },
    {
      name: 'remove twice',
      ops: [
        { op: 'addExact', value: 'https://a.example.com' },
        { op: 'remove', value: 'https://a.example.com', returns: true },
        { op: 'remove', value: 'https://a.example.com', returns: false },
      ],
      list: [],
      allowed: [],
      refused: ['https://a.example.com'],
    },
    {
      name: 'replaceAll drops earlier entries',
      ops: [
        { op: 'addExact', value: 'https://old.example.com' },
        { op: 'addPattern', value: 'https://*.old.example.com' },
        { op: 'replaceAll', exact: ['https://new.example.com'], patterns: ['https://*.new.example.com'] },
      ],
      list: ['https://new.example.com', 'https://*.new.example.com'],
      allowed: ['https://new.example.com', 'https://a.new.example.com'],
      refused: ['https://old.example.com', 'https://a.old.example.com'],
    },
  ])('$name', ({ ops, list, allowed, refused }) => {
    const runtime = run(ops);
    expect(runtime.list()).toEqual(list);
    for (const origin of allowed) expect([origin, runtime.matches(origin, parts(origin))]).toEqual([origin, true]);
    for (const origin of refused) expect([origin, runtime.matches(origin, parts(origin))]).toEqual([origin, false]);
  });

  it('list() returns a copy', () => {
    const runtime = run([{ op: 'addExact', value: 'https://a.example.com' }]);
    runtime.list().push('https://evil.example.com');
    expect(runtime.list()).toEqual(['https://a.example.com']);
  });
});
