import { describe, expect, it } from '@jest/globals';
import { validateRuntimeOrigin } from '../../../lib/internal/policy/validate-runtime-origin.js';

describe('validateRuntimeOrigin: as configured origins, against every policy the origin joins', () => {
  it.each<[string, string, object[], string[]]>([
    ['a canonical origin', 'https://late.example.com', [{ origin: ['https://app.example.com'] }], []],
    ['a trailing slash', 'https://late.example.com/', [{}], ['non-canonical-origin']],
    ['null', 'null', [{}], ['null-origin']],
    ['http with credentials on one route of the policy', 'http://late.example.com', [{}, { credentials: true }], ['insecure-origin-with-credentials']],
    ['http without credentials anywhere', 'http://late.example.com', [{}, {}], []],
  ])('%s', (_name, origin, policies, codes) => {
    expect(validateRuntimeOrigin(origin, policies).map((p) => p.code)).toEqual(codes);
  });
});
