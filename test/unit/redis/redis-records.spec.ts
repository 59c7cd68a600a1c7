import { describe, expect, it } from '@jest/globals';
import { memberOf, recordOf, recordsOfMessage, recordsOfSnapshot, signedVersion } from '../../../lib/redis/redis-records.js';
import { redisStoreKeys } from '../../../lib/redis/redis-keys.js';

const A = 'https://a.example.com';

describe('Redis records', () => {
  it('a member is the JSON of [policy, origin]; revokes have negative versions', () => {
    expect(memberOf('default', A)).toBe('["default","https://a.example.com"]');
    expect(signedVersion({ policy: 'default', origin: A, allowed: true, version: 1712345678901 })).toBe('1712345678901');
    expect(signedVersion({ policy: 'default', origin: A, allowed: false, version: 1712345678901 })).toBe('-1712345678901');
  });

  it.each<[string, string, string | number, unknown]>([
    ['allowed', '["default","https://a.example.com"]', '1712345678901', { policy: 'default', origin: A, allowed: true, version: 1712345678901 }],
    ['revoked', '["p","https://a.example.com"]', -7, { policy: 'p', origin: A, allowed: false, version: 7 }],
    ["the defaults' old name is kept as written", '["","https://a.example.com"]', 1, { policy: '', origin: A, allowed: true, version: 1 }],
    ['version 0', '["default","https://a.example.com"]', '0', undefined],
    ['a version that is not an integer', '["default","https://a.example.com"]', '1.5', undefined],
    ['not a number', '["default","https://a.example.com"]', 'x', undefined],
    ['not JSON', 'nope', 1, undefined],
    ['three elements', '["default","https://a.example.com","x"]', 1, undefined],
    ['not strings', '[1,2]', 1, undefined],
  ])('recordOf: %s', (_name, member, signed, expected) => {
    expect(recordOf(member, signed)).toEqual(expected);
  });

  it('a snapshot: hash entries as recorded, set members without one at version 1, a set member whose version says revoked is not allowed', () => {
    const versions = [memberOf('default', A), '-9', memberOf('p', A), '8', 'garbage', '3'];
    const members = [memberOf('default', A), memberOf('p', A), memberOf('q', A), 'not ours'];
    expect(recordsOfSnapshot(versions, members)).toEqual([
      { policy: 'default', origin: A, allowed: false, version: 9 },
      { policy: 'p', origin: A, allowed: true, version: 8 },
      { policy: 'q', origin: A, allowed: true, version: 1 },
    ]);
  });

  it.each<[string, string, unknown[]]>([
    ['two changes', '[[["default","https://a.example.com"],5],[["p","https://a.example.com"],-6]]', [
      { policy: 'default', origin: A, allowed: true, version: 5 },
      { policy: 'p', origin: A, allowed: false, version: 6 },
    ]],
    ['malformed entries are dropped', '[[["default","https://a.example.com"]],[1,2],"x",[["default","https://a.example.com"],"7"]]', [
      { policy: 'default', origin: A, allowed: true, version: 7 },
    ]],
    ['not JSON', '{', []],
    ['not a list', '{"a":1}', []],
  ])('a change message: %s', (_name, raw, expected) => {
    expect(recordsOfMessage(raw)).toEqual(expected);
  });

  it.each<[string, Record<string, string>]>([
    ['nestjs-cors', { set: 'nestjs-cors:origins', versions: '{nestjs-cors:origins}:versions', marker: '{nestjs-cors:origins}:marker', channel: 'nestjs-cors:origins:changes' }],
    ['{api}', { set: '{api}:origins', versions: '{api}:origins:versions', marker: '{api}:origins:marker', channel: '{api}:origins:changes' }],
    ['my-{api}-x', { set: 'my-{api}-x:origins', versions: 'my-{api}-x:origins:versions', marker: 'my-{api}-x:origins:marker', channel: 'my-{api}-x:origins:changes' }],
  ])('keys of prefix %s share one hash slot', (prefix, keys) => {
    expect(redisStoreKeys(prefix)).toEqual(keys);
  });

  it.each(['a{', 'a}', '{}x', 'a{}b'])('prefix %s: braces that are no hash tag are refused', (prefix) => {
    expect(() => redisStoreKeys(prefix)).toThrow(`RedisOriginStore: prefix ${JSON.stringify(prefix)} has braces that are not a Redis hash tag`);
  });
});
