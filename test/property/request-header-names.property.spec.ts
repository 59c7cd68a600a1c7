import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  MAX_EMPTY_ITEMS,
  MAX_REQUEST_HEADERS_LENGTH,
  MAX_REQUEST_HEADER_NAMES,
  isMethodToken,
  parseRequestHeaderNames,
} from '../../lib/internal/http/request-header-names.js';
import { TOKEN, anyCharArb, anyStringArb, referenceRequestHeaderNames } from './arbitraries.js';
import { PROPERTY_TIMEOUT_MS, fcParams } from './fast-check-settings.js';

const CAPS = { maxLength: MAX_REQUEST_HEADERS_LENGTH, maxNames: MAX_REQUEST_HEADER_NAMES, maxEmpty: MAX_EMPTY_ITEMS };

/** HTTP optional whitespace, plus characters that look like whitespace but are not OWS. */
const owsArb = fc.constantFrom('', '', '', ' ', '\t', '  ', ' \t ');
const notOwsArb = fc.constantFrom('\u00a0', '\v', '\f', '\r', '\n', '\r\n', '\u2028', '\ufeff', '\u3000', '\0');

const headerTokenArb = fc.oneof(
  fc.constantFrom('content-type', 'Content-Type', 'X-Requested-With', 'authorization', 'x-a', 'X-A', '*', "x!#$%&'*+.^_`|~-z"),
  fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,20}$/),
);

/** One list item: a name, nothing, or something that is not a token. */
const itemArb = fc.oneof(
  { weight: 8, arbitrary: headerTokenArb },
  { weight: 2, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.tuple(headerTokenArb, fc.oneof(notOwsArb, anyCharArb), headerTokenArb).map(([a, c, b]) => a + c + b) },
  { weight: 1, arbitrary: fc.tuple(headerTokenArb, owsArb.filter((w) => w !== ''), headerTokenArb).map(([a, w, b]) => a + w + b) },
  { weight: 1, arbitrary: notOwsArb },
  { weight: 1, arbitrary: fc.constantFrom('x-\u00e9', '\u212a', 'x-a\u0000', '"x-a"', 'x-a;q=1', 'x-a:', '(x)') },
);

/** An HTTP list, the way clients, proxies and attackers write them. */
const listArb = fc
  .tuple(fc.array(fc.tuple(owsArb, itemArb, owsArb), { maxLength: 30 }), fc.constantFrom(',', ',', ', ', ' ,'))
  .map(([items, sep]) => items.map(([a, item, b]) => a + item + b).join(sep));

/** Lists right at the caps: names count, empty items, total length. */
const atCapsArb = fc.oneof(
  // Around MAX_REQUEST_HEADER_NAMES names.
  fc
    .tuple(fc.integer({ min: MAX_REQUEST_HEADER_NAMES - 2, max: MAX_REQUEST_HEADER_NAMES + 2 }), fc.constantFrom(',', ', '), fc.nat({ max: 5 }))
    .map(([count, sep, extraEmpty]) => [...Array.from({ length: count }, (_, i) => `x-h${i}`), ...Array<string>(extraEmpty).fill('')].join(sep)),
  // Around MAX_EMPTY_ITEMS empty items (long comma runs, with or without names).
  fc
    .tuple(fc.integer({ min: 0, max: MAX_EMPTY_ITEMS + 40 }), fc.option(headerTokenArb, { nil: undefined }), fc.constantFrom(',', ', ', ' , ', '\t,'))
    .map(([commas, name, sep]) => (name === undefined ? sep.repeat(commas) : `${name}${sep.repeat(commas)}${name}`)),
  // Around MAX_REQUEST_HEADERS_LENGTH characters.
  fc
    .tuple(fc.integer({ min: MAX_REQUEST_HEADERS_LENGTH - 3, max: MAX_REQUEST_HEADERS_LENGTH + 3 }), fc.integer({ min: 1, max: MAX_REQUEST_HEADER_NAMES + 2 }), fc.constantFrom('a', 'X', ' '))
    .map(([length, count, fill]) => {
      // `count` names separated by ',', padded to exactly `length` characters.
      const per = Math.max(1, Math.floor((length - (count - 1)) / count));
      const names = Array.from({ length: count }, (_, i) => `n${i}`.padEnd(per, fill === ' ' ? 'a' : fill));
      let value = names.join(',');
      if (value.length < length) value += fill === ' ' ? ' '.repeat(length - value.length) : fill.repeat(length - value.length);
      return value.slice(0, length);
    }),
);

const anyInputArb = fc.oneof(
  { weight: 4, arbitrary: listArb },
  { weight: 2, arbitrary: anyStringArb(60) },
  { weight: 2, arbitrary: atCapsArb },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(',', ' ', '\t', 'a', '\n', '\u00a0'), maxLength: 60 }) },
);

describe('parseRequestHeaderNames (property)', () => {
  it(
    'agrees with the reference model (split on commas, trim SP/HTAB, drop empties, tokens only, lowercase, caps) and never throws',
    () => {
      fc.assert(
        fc.property(anyInputArb, (value) => {
          const reference = referenceRequestHeaderNames(value, CAPS);
          const actual = parseRequestHeaderNames(value);
          expect({ value, actual }).toEqual({ value, actual: reference });
        }),
        fcParams(),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'every returned name is a lowercase token, and the result is within the caps',
    () => {
      fc.assert(
        fc.property(anyInputArb, (value) => {
          const names = parseRequestHeaderNames(value);
          if (names === undefined) return;
          expect(value.length).toBeLessThanOrEqual(MAX_REQUEST_HEADERS_LENGTH);
          expect(names.length).toBeLessThanOrEqual(MAX_REQUEST_HEADER_NAMES);
          for (const name of names) {
            expect(TOKEN.test(name)).toBe(true);
            expect(name).toBe(name.toLowerCase());
          }
        }),
        fcParams(),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'joining repeated header lines with ", " (as Node does) gives the concatenation of the lists',
    () => {
      fc.assert(
        fc.property(listArb, listArb, (a, b) => {
          const left = parseRequestHeaderNames(a);
          const right = parseRequestHeaderNames(b);
          const joined = parseRequestHeaderNames(`${a}, ${b}`);
          const reference = referenceRequestHeaderNames(`${a}, ${b}`, CAPS);
          expect(joined).toEqual(reference);
          // When both lines are fine and the join stays under the caps, nothing is lost.
          if (left !== undefined && right !== undefined && joined !== undefined) expect(joined).toEqual([...left, ...right]);
        }),
        fcParams(),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'isMethodToken accepts exactly the tokens of 1..32 characters',
    () => {
      fc.assert(
        fc.property(fc.oneof(fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{0,40}$/), anyStringArb(40)), (value) => {
          expect({ value, token: isMethodToken(value) }).toEqual({ value, token: value.length <= 32 && TOKEN.test(value) });
        }),
        fcParams(),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
