import { describe, expect, it } from '@jest/globals';
import { appendVary } from '../../../lib/internal/http/vary.js';

describe('appendVary', () => {
  it.each<{ name: string; current: unknown; token: string; expected: string }>([
    { name: 'undefined', current: undefined, token: 'Origin', expected: 'Origin' },
    { name: 'null', current: null, token: 'Origin', expected: 'Origin' },
    { name: 'empty string', current: '', token: 'Origin', expected: 'Origin' },
    { name: 'whitespace only', current: '  ', token: 'Origin', expected: 'Origin' },
    { name: 'empty array', current: [], token: 'Origin', expected: 'Origin' },
    { name: 'existing value', current: 'Accept-Encoding', token: 'Origin', expected: 'Accept-Encoding, Origin' },
    { name: 'existing list', current: 'Accept-Encoding, Cookie', token: 'Origin', expected: 'Accept-Encoding, Cookie, Origin' },
    { name: 'already present', current: 'Origin', token: 'Origin', expected: 'Origin' },
    { name: 'already present, lowercase', current: 'origin', token: 'Origin', expected: 'origin' },
    { name: 'already present, uppercase', current: 'ORIGIN', token: 'Origin', expected: 'ORIGIN' },
    { name: 'already present in a list', current: 'Accept-Encoding,origin', token: 'Origin', expected: 'Accept-Encoding,origin' },
    { name: 'already present with OWS', current: 'Accept-Encoding ,  Origin  ', token: 'Origin', expected: 'Accept-Encoding ,  Origin  ' },
    { name: 'a longer name is not the token', current: 'Origin-Agent-Cluster', token: 'Origin', expected: 'Origin-Agent-Cluster, Origin' },
    { name: 'a name containing the token is not the token', current: 'X-Origin', token: 'Origin', expected: 'X-Origin, Origin' },
    { name: '*', current: '*', token: 'Origin', expected: '*' },
    { name: '* in a list', current: 'Accept-Encoding, *', token: 'Origin', expected: 'Accept-Encoding, *' },
    { name: 'array', current: ['Accept-Encoding', 'Cookie'], token: 'Origin', expected: 'Accept-Encoding, Cookie, Origin' },
    { name: 'array already containing the token', current: ['Accept-Encoding', 'origin'], token: 'Origin', expected: 'Accept-Encoding, origin' },
    { name: 'array containing *', current: ['*'], token: 'Origin', expected: '*' },
    { name: 'array of lists', current: ['Accept, Cookie', 'Accept-Language'], token: 'Origin', expected: 'Accept, Cookie, Accept-Language, Origin' },
    { name: 'other token', current: 'Origin', token: 'Access-Control-Request-Method', expected: 'Origin, Access-Control-Request-Method' },
  ])('$name', ({ current, token, expected }) => {
    expect(appendVary(current, token)).toBe(expected);
  });
});
