import { describe, expect, it } from '@jest/globals';
import {
  MAX_EMPTY_ITEMS,
  MAX_REQUEST_HEADERS_LENGTH,
  MAX_REQUEST_HEADER_NAMES,
  isMethodToken,
  parseRequestHeaderNames,
} from '../../../lib/internal/http/request-header-names.js';

const names = (count: number) => Array.from({ length: count }, (_, i) => `x-h${i}`);

describe('limits', () => {
  it('are the documented values', () => {
    expect([MAX_REQUEST_HEADERS_LENGTH, MAX_REQUEST_HEADER_NAMES, MAX_EMPTY_ITEMS]).toEqual([8192, 128, 16]);
  });
});

describe('parseRequestHeaderNames: accepted values', () => {
  it.each<{ name: string; value: string; expected: string[] }>([
    { name: 'empty value', value: '', expected: [] },
    { name: 'one name', value: 'content-type', expected: ['content-type'] },
    { name: 'Chromium shape (sorted, comma, no space)', value: 'authorization,content-type,x-request-id', expected: ['authorization', 'content-type', 'x-request-id'] },
    { name: 'lowercased', value: 'Content-Type,X-Request-ID', expected: ['content-type', 'x-request-id'] },
    { name: 'joined repeated lines', value: 'x-a, x-b', expected: ['x-a', 'x-b'] },
    { name: 'joined repeated lines, each a list', value: 'x-a,x-b, x-c,x-d', expected: ['x-a', 'x-b', 'x-c', 'x-d'] },
    { name: 'OWS around items', value: '  x-a ,\tx-b\t,   x-c  ', expected: ['x-a', 'x-b', 'x-c'] },
    { name: 'only OWS', value: ' \t ', expected: [] },
    { name: 'empty items in the middle', value: 'x-a,,x-b', expected: ['x-a', 'x-b'] },
    { name: 'leading and trailing commas', value: ',x-a,', expected: ['x-a'] },
    { name: 'empty items with OWS', value: 'x-a, ,\t, x-b', expected: ['x-a', 'x-b'] },
    { name: 'duplicates are kept', value: 'x-a,X-A', expected: ['x-a', 'x-a'] },
    { name: 'every token character', value: "!#$%&'*+-.^_`|~09azAZ", expected: ["!#$%&'*+-.^_`|~09azaz"] },
    { name: 'a literal *', value: '*', expected: ['*'] },
    { name: `${MAX_EMPTY_ITEMS} empty items`, value: ','.repeat(MAX_EMPTY_ITEMS - 1), expected: [] },
    { name: `${MAX_EMPTY_ITEMS} empty items before a name`, value: `${','.repeat(MAX_EMPTY_ITEMS)}x-a`, expected: ['x-a'] },
    { name: `${MAX_EMPTY_ITEMS} empty items between names`, value: `x-a${','.repeat(MAX_EMPTY_ITEMS + 1)}x-b`, expected: ['x-a', 'x-b'] },
    { name: `${MAX_REQUEST_HEADER_NAMES} names`, value: names(MAX_REQUEST_HEADER_NAMES).join(','), expected: names(MAX_REQUEST_HEADER_NAMES) },
    {
      name: `exactly ${MAX_REQUEST_HEADERS_LENGTH} characters`,
      value: `x-${'a'.repeat(MAX_REQUEST_HEADERS_LENGTH - 2)}`,
      expected: [`x-${'a'.repeat(MAX_REQUEST_HEADERS_LENGTH - 2)}`],
    },
  ])('$name', ({ value, expected }) => {
    expect(parseRequestHeaderNames(value)).toEqual(expected);
  });
});

describe('parseRequestHeaderNames: malformed or over the caps -> undefined', () => {
  it.each<{ name: string; value: string }>([
    { name: 'space inside a name', value: 'x a' },
    { name: 'space inside a later name', value: 'x-a, x b' },
    { name: 'semicolon', value: 'x-a;x-b' },
    { name: 'colon', value: 'x-a:' },
    { name: 'slash', value: 'x/a' },
    { name: 'quote', value: '"x-a"' },
    { name: 'parenthesis', value: 'x-a(1)' },
    { name: 'at sign', value: 'x@a' },
    { name: 'non-ASCII', value: 'x-é' },
    { name: 'latin1 byte', value: 'x-\u00ff' },
    { name: 'NUL', value: 'x-a\u0000' },
    { name: 'CR LF', value: 'x-a\r\nx-b' },
    { name: 'vertical tab as whitespace', value: 'x-a,\u000bx-b' },
    { name: 'non-breaking space as whitespace', value: 'x-a,\u00a0x-b' },
    { name: `${MAX_EMPTY_ITEMS + 1} empty items`, value: ','.repeat(MAX_EMPTY_ITEMS) },
    { name: `${MAX_EMPTY_ITEMS + 1} empty items between names`, value: `x-a${','.repeat(MAX_EMPTY_ITEMS + 2)}x-b` },
    { name: 'comma flood', value: ','.repeat(5000) },
    { name: `${MAX_REQUEST_HEADER_NAMES + 1} names`, value: names(MAX_REQUEST_HEADER_NAMES + 1).join(',') },
    { name: `${MAX_REQUEST_HEADERS_LENGTH + 1} characters`, value: `x-${'a'.repeat(MAX_REQUEST_HEADERS_LENGTH - 1)}` },
    { name: 'far over the length cap', value: 'x-a,'.repeat(10_000) },
  ])('$name', ({ value }) => {
    expect(parseRequestHeaderNames(value)).toBeUndefined();
  });
});

describe('isMethodToken', () => {
  it.each<[string, boolean]>([
    ['GET', true],
    ['PUT', true],
    ['PATCH', true],
    ['patch', true],
    ['PROPFIND', true],
    ['M-SEARCH', true],
    ["!#$%&'*+-.^_`|~", true],
    ['A'.repeat(32), true],
    ['A'.repeat(33), false],
    ['', false],
    ['GE T', false],
    [' GET', false],
    ['GET ', false],
    ['GET,PUT', false],
    ['GET, PUT', false],
    ['GET\r\n', false],
    ['GET\u0000', false],
    ['GÉT', false],
    ['(GET)', false],
    ['GET/1', false],
  ])('%j -> %s', (value, expected) => {
    expect(isMethodToken(value)).toBe(expected);
  });
});
