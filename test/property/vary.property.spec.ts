import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { appendVary } from '../../lib/internal/http/vary.js';
import { PROPERTY_TIMEOUT_MS, fcParams } from './fast-check-settings.js';

/** Field names as they appear in `Vary` (tokens), with every spelling of Origin. */
const varyTokenArb = fc.oneof(
  fc.constantFrom('Origin', 'origin', 'ORIGIN', 'oRiGiN', 'Accept-Encoding', 'Accept', 'Cookie', 'Access-Control-Request-Method', 'Origins', 'X-Origin', 'Origin-Agent'),
  fc.stringMatching(/^[!#$%&'+.^_`|~0-9A-Za-z-]{1,12}$/),
);

/** Header-legal `Vary` values: tokens, `*`, empty items, SP/HTAB around commas. */
const varyValueArb = fc
  .tuple(
    fc.array(fc.oneof({ weight: 10, arbitrary: varyTokenArb }, { weight: 1, arbitrary: fc.constant('*') }, { weight: 1, arbitrary: fc.constant('') }), {
      maxLength: 6,
    }),
    fc.constantFrom(', ', ',', ' , ', '\t,\t', ',  '),
    fc.constantFrom('', ' ', '\t'),
  )
  .map(([tokens, sep, pad]) => pad + tokens.join(sep) + pad);

/** What a response may already hold: nothing, a string, several lines (array), or a non-string. */
const currentArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(undefined, null, '', ' ', '\t') },
  { weight: 6, arbitrary: varyValueArb },
  { weight: 2, arbitrary: fc.array(varyValueArb, { minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(42, ['Origin'], ['Accept', 'origin']) },
);

const tokenToAddArb = fc.constantFrom('Origin', 'Access-Control-Request-Method', 'Access-Control-Request-Headers');

/** The value as one string, the way appendVary (and an HTTP cache) reads repeated lines. */
function asString(current: unknown): string {
  if (Array.isArray(current)) return current.join(', ');
  if (current === undefined || current === null) return '';
  return String(current);
}

function tokens(value: string): string[] {
  return value
    .split(',')
    .map((t) => t.replace(/^[ \t]+|[ \t]+$/g, ''))
    .filter((t) => t !== '');
}

function count(value: string, token: string): number {
  return tokens(value).filter((t) => t.toLowerCase() === token.toLowerCase()).length;
}

describe('appendVary (property)', () => {
  it(
    'is idempotent',
    () => {
      fc.assert(
        fc.property(currentArb, tokenToAddArb, (current, token) => {
          const once = appendVary(current, token);
          expect(appendVary(once, token)).toBe(once);
        }),
        fcParams(),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'never drops or reorders existing tokens (it only appends)',
    () => {
      fc.assert(
        fc.property(currentArb, tokenToAddArb, (current, token) => {
          const before = tokens(asString(current));
          const after = tokens(appendVary(current, token));
          expect(after.slice(0, before.length)).toEqual(before);
          expect(after.length - before.length).toBeLessThanOrEqual(1);
          if (after.length > before.length) expect(after[after.length - 1]).toBe(token);
        }),
        fcParams(),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "lists the token exactly once (case-insensitively) unless it was already there or the value is '*'",
    () => {
      fc.assert(
        fc.property(currentArb, tokenToAddArb, (current, token) => {
          const before = asString(current);
          const result = appendVary(current, token);
          const star = tokens(before).includes('*');
          const already = count(before, token);
          if (star) {
            // `Vary: *` already varies on everything: left as it is.
            expect(result).toBe(before);
          } else if (already > 0) {
            expect(count(result, token)).toBe(already);
          } else {
            expect(count(result, token)).toBe(1);
          }
        }),
        fcParams(),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'starting from a value without Origin (or none), the result contains Origin exactly once, also after repeated appends',
    () => {
      const noOriginArb = currentArb.filter((c) => count(asString(c), 'Origin') === 0 && !tokens(asString(c)).includes('*'));
      fc.assert(
        fc.property(noOriginArb, fc.array(tokenToAddArb, { maxLength: 5 }), (current, others) => {
          let value = appendVary(current, 'Origin');
          for (const token of others) value = appendVary(value, token);
          value = appendVary(value, 'Origin');
          expect(count(value, 'Origin')).toBe(1);
        }),
        fcParams(),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
