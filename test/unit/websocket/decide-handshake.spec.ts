import { describe, expect, it } from '@jest/globals';
import { OriginMatcher } from '../../../lib/internal/origin/origin-matcher.js';
import type { OriginFunctionFailure } from '../../../lib/internal/policy/check-origin.js';
import type { CompiledPolicy } from '../../../lib/internal/policy/compiled-policy.js';
import { HandshakeRules, HandshakeTarget, HandshakeVerdict, Quorum, decideHandshake } from '../../../lib/internal/websocket/decide-handshake.js';
import type { HandshakeRequest } from '../../../lib/internal/websocket/own-origin.js';
import { compiledPolicy } from '../support/compiled-policy.js';

const APP = 'https://app.example.com';
const ADMIN = 'https://admin.example.com';
const EVIL = 'https://evil.example.net';
const SELF = 'http://api.example.com';

const allowing = (...origins: string[]): CompiledPolicy => compiledPolicy({ matcher: new OriginMatcher(new Set(origins), [], [], undefined), originsFrom: 'the module defaults' });
const APP_POLICY = allowing(APP);
const ADMIN_POLICY = allowing(ADMIN);
const ANY = compiledPolicy({ anyOrigin: true });
const THROWS = compiledPolicy({ originFunction: () => { throw new Error('down'); }, originsFrom: '@Cors() on FnGateway' });
const NEVER = compiledPolicy({ originFunction: () => new Promise<boolean>(() => undefined) });
const ASYNC_YES = compiledPolicy({ originFunction: async () => true });

const target = (policy: CompiledPolicy | undefined, label = 'ChatGateway'): HandshakeTarget => ({ policy, label });
const RULES: HandshakeRules = { requireOrigin: false, sameOrigin: true, trustForwardedHeaders: false, originCheckTimeout: 20 };
const request = (origin?: string): HandshakeRequest => ({ headers: { host: 'api.example.com', ...(origin !== undefined ? { origin } : {}) }, socket: {} });

function decide(origin: string | undefined, targets: HandshakeTarget[], quorum: Quorum = 'every', rules: Partial<HandshakeRules> = {}) {
  const failures: OriginFunctionFailure[] = [];
  const verdict = decideHandshake(request(origin), targets, quorum, { ...RULES, ...rules }, (_t, _o, failure) => failures.push(failure));
  return { verdict, failures };
}

describe('decideHandshake: synchronous verdicts', () => {
  it.each<[string, string | undefined, HandshakeTarget[], Quorum, Partial<HandshakeRules>, HandshakeVerdict]>([
    ['no Origin: not a browser, admitted', undefined, [target(APP_POLICY)], 'every', {}, { admitted: true, why: 'no-origin', allowedBy: [] }],
    ['no Origin with requireOrigin', undefined, [target(APP_POLICY)], 'every', { requireOrigin: true }, { admitted: false, reason: 'no Origin header, and websockets.requireOrigin is set' }],
    ['no Origin, no gateway', undefined, [], 'every', {}, { admitted: true, why: 'no-origin', allowedBy: [] }],
    ['the own origin, not in the policy', SELF, [target(APP_POLICY)], 'every', {}, { admitted: true, why: 'same-origin', allowedBy: [] }],
    ['the own origin, gateway without CORS', SELF, [target(undefined)], 'every', {}, { admitted: true, why: 'same-origin', allowedBy: [] }],
    ['the own origin with sameOrigin: false', SELF, [target(APP_POLICY)], 'every', { sameOrigin: false }, { admitted: false, reason: 'origin not allowed by the module defaults on ChatGateway' }],
    ['the own origin, but https', 'https://api.example.com', [target(APP_POLICY)], 'every', {}, { admitted: false, reason: 'origin not allowed by the module defaults on ChatGateway' }],
    ['an allowed origin', APP, [target(APP_POLICY)], 'every', {}, { admitted: true, why: 'allowed', allowedBy: [APP_POLICY] }],
    ['a refused origin', EVIL, [target(APP_POLICY)], 'every', {}, { admitted: false, reason: 'origin not allowed by the module defaults on ChatGateway' }],
    ["'*' admits any origin", EVIL, [target(ANY)], 'every', {}, { admitted: true, why: 'allowed', allowedBy: [ANY] }],
    ["null, even under '*'", 'null', [target(ANY)], 'every', {}, { admitted: false, reason: 'Origin null (sandboxed iframes, file: and data: pages, redirects) is never allowed' }],
    ["a malformed origin, even under '*'", 'https://APP.example.com', [target(ANY)], 'every', {}, { admitted: false, reason: 'malformed Origin' }],
    ['two origins joined', `${APP}, ${EVIL}`, [target(ANY)], 'every', {}, { admitted: false, reason: 'malformed Origin' }],
    ['an empty Origin', '', [target(ANY)], 'every', {}, { admitted: false, reason: 'malformed Origin' }],
    ['a gateway without CORS', APP, [target(undefined)], 'every', {}, { admitted: false, reason: 'ChatGateway has no CORS (only same-origin handshakes)' }],
    ['no gateway here', APP, [], 'some', {}, { admitted: false, reason: 'no gateway is served here' }],
    ['every: all allow', APP, [target(APP_POLICY), target(ANY, 'Other')], 'every', {}, { admitted: true, why: 'allowed', allowedBy: [APP_POLICY, ANY] }],
    ['every: one refuses', APP, [target(APP_POLICY), target(ADMIN_POLICY, 'AdminGateway')], 'every', {}, { admitted: false, reason: 'origin not allowed by the module defaults on AdminGateway' }],
    ['some: one allows', ADMIN, [target(APP_POLICY), target(ADMIN_POLICY, 'AdminGateway')], 'some', {}, { admitted: true, why: 'allowed', allowedBy: [ADMIN_POLICY] }],
    [
      'some: none allows',
      EVIL,
      [target(APP_POLICY), target(undefined, 'OffGateway')],
      'some',
      {},
      { admitted: false, reason: 'no gateway here allows it (origin not allowed by the module defaults on ChatGateway; OffGateway has no CORS (only same-origin handshakes))' },
    ],
    ['an origin function that throws refuses', APP, [target(THROWS, 'FnGateway')], 'every', {}, { admitted: false, reason: 'origin function threw on FnGateway' }],
  ])('%s', (_name, origin, targets, quorum, rules, expected) => {
    expect(decide(origin, targets, quorum, rules).verdict).toEqual(expected);
  });

  it('an origin function that throws is reported once', () => {
    const { failures } = decide(APP, [target(THROWS)]);
    expect(failures).toEqual([{ kind: 'threw', error: new Error('down') }]);
  });

  it('the own origin never reaches an origin function', () => {
    const { verdict, failures } = decide(SELF, [target(THROWS)]);
    expect(verdict).toEqual({ admitted: true, why: 'same-origin', allowedBy: [] });
    expect(failures).toEqual([]);
  });
});

describe('decideHandshake: asynchronous verdicts', () => {
  it('an async origin function that allows', async () => {
    const { verdict } = decide(APP, [target(ASYNC_YES)]);
    expect(verdict).toBeInstanceOf(Promise);
    expect(await verdict).toEqual({ admitted: true, why: 'allowed', allowedBy: [ASYNC_YES] });
  });

  it('a function that never answers refuses after the timeout, reported as one', async () => {
    const { verdict, failures } = decide(APP, [target(NEVER)]);
    expect(await verdict).toEqual({ admitted: false, reason: 'origin function timed out after 20 ms on ChatGateway' });
    expect(failures).toEqual([{ kind: 'timeout', ms: 20 }]);
  });

  it('some: a static allow beside a function that never answers still waits, then admits', async () => {
    const { verdict } = decide(APP, [target(APP_POLICY), target(NEVER, 'Slow')], 'some');
    expect(await verdict).toEqual({ admitted: true, why: 'allowed', allowedBy: [APP_POLICY] });
  });
});
