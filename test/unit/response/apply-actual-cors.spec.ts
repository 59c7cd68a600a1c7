import { describe, expect, it } from '@jest/globals';
import { applyActualCors } from '../../../lib/internal/response/apply-actual-cors.js';
import { ResponseWriter } from '../../../lib/internal/http/response-writer.js';
import { CompiledPolicy } from '../../../lib/internal/policy/compiled-policy.js';
import { compiledPolicy } from '../support/compiled-policy.js';

const ORIGIN = 'https://app.example.com:8443';

/** A response whose headers are case-insensitive, as on Node's ServerResponse. */
interface FakeResponse {
  headers: Map<string, string>;
  calls: string[];
}

const fakeWriter: ResponseWriter = {
  getHeader: (res, name) => (res as FakeResponse).headers.get(name.toLowerCase()),
  setHeader: (res, name, value) => {
    (res as FakeResponse).calls.push(`set ${name}: ${value}`);
    (res as FakeResponse).headers.set(name.toLowerCase(), value);
  },
  removeHeader: (res, name) => {
    (res as FakeResponse).calls.push(`remove ${name}`);
    (res as FakeResponse).headers.delete(name.toLowerCase());
  },
  seal: () => undefined,
  nodeResponse: () => undefined,
  sendEmpty: () => {
    throw new Error('an actual response is never ended by the CORS layer');
  },
};

function respond(before: Record<string, string>, policy: CompiledPolicy, origin: string | undefined, allowed: boolean, scrub = false) {
  const response: FakeResponse = { headers: new Map(Object.entries(before).map(([k, v]) => [k.toLowerCase(), v])), calls: [] };
  applyActualCors(policy, origin, allowed, response, fakeWriter, scrub);
  return { headers: Object.fromEntries(response.headers), calls: response.calls };
}

const ACAO = 'access-control-allow-origin';
const ACAC = 'access-control-allow-credentials';
const ACEH = 'access-control-expose-headers';
const THIRD_PARTY = { [ACAO]: '*', [ACAC]: 'true', [ACEH]: 'X-Leak' };

describe('applyActualCors: resulting headers', () => {
  it.each<{
    name: string;
    policy: CompiledPolicy;
    origin: string | undefined;
    allowed: boolean;
    scrub?: boolean;
    before?: Record<string, string>;
    after: Record<string, string>;
  }>([
    // origin: '*'
    { name: "'*', with an origin", policy: compiledPolicy({ anyOrigin: true }), origin: ORIGIN, allowed: true, after: { [ACAO]: '*' } },
    { name: "'*', without an origin (sent on every response)", policy: compiledPolicy({ anyOrigin: true }), origin: undefined, allowed: false, after: { [ACAO]: '*' } },
    { name: "'*', with 'null'", policy: compiledPolicy({ anyOrigin: true }), origin: 'null', allowed: true, after: { [ACAO]: '*' } },
    {
      name: "'*' with exposed headers",
      policy: compiledPolicy({ anyOrigin: true, exposeHeaders: 'X-Total, ETag' }),
      origin: ORIGIN,
      allowed: true,
      after: { [ACAO]: '*', [ACEH]: 'X-Total, ETag' },
    },
    {
      name: "'*' keeps an existing Vary untouched",
      policy: compiledPolicy({ anyOrigin: true }),
      origin: ORIGIN,
      allowed: true,
      before: { vary: 'Accept-Encoding' },
      after: { vary: 'Accept-Encoding', [ACAO]: '*' },
    },
    {
      name: "'*' with scrub drops credentials and exposure set by another layer",
      policy: compiledPolicy({ anyOrigin: true }),
      origin: ORIGIN,
      allowed: true,
      scrub: true,
      before: THIRD_PARTY,
      after: { [ACAO]: '*' },
    },
    // allowed
    { name: 'allowed', policy: compiledPolicy(), origin: ORIGIN, allowed: true, after: { vary: 'Origin', [ACAO]: ORIGIN } },
    {
      name: 'allowed with credentials and exposed headers',
      policy: compiledPolicy({ credentials: true, exposeHeaders: 'X-Total, ETag' }),
      origin: ORIGIN,
      allowed: true,
      after: { vary: 'Origin', [ACAO]: ORIGIN, [ACAC]: 'true', [ACEH]: 'X-Total, ETag' },
    },
    {
      name: 'allowed, Vary appended to an existing value',
      policy: compiledPolicy({ credentials: true }),
      origin: ORIGIN,
      allowed: true,
      before: { vary: 'Accept-Encoding' },
      after: { vary: 'Accept-Encoding, Origin', [ACAO]: ORIGIN, [ACAC]: 'true' },
    },
    {
      name: 'allowed, Vary already lists Origin',
      policy: compiledPolicy(),
      origin: ORIGIN,
      allowed: true,
      before: { vary: 'origin' },
      after: { vary: 'origin', [ACAO]: ORIGIN },
    },
    {
      name: 'allowed, Vary: *',
      policy: compiledPolicy(),
      origin: ORIGIN,
      allowed: true,
      before: { vary: '*' },
      after: { vary: '*', [ACAO]: ORIGIN },
    },
    {
      name: 'allowed replaces a third-party ACAO with the exact origin',
      policy: compiledPolicy({ credentials: true, exposeHeaders: 'X-Mine' }),
      origin: ORIGIN,
      allowed: true,
      before: THIRD_PARTY,
      after: { vary: 'Origin', [ACAO]: ORIGIN, [ACAC]: 'true', [ACEH]: 'X-Mine' },
    },
    {
      name: 'allowed with scrub drops permissions the policy does not grant',
      policy: compiledPolicy(),
      origin: ORIGIN,
      allowed: true,
      scrub: true,
      before: THIRD_PARTY,
      after: { vary: 'Origin', [ACAO]: ORIGIN },
    },
    // refused
    { name: 'refused', policy: compiledPolicy({ credentials: true, exposeHeaders: 'X-Total' }), origin: 'https://evil.example.com', allowed: false, after: { vary: 'Origin' } },
    {
      name: 'refused removes ACAO, ACAC and ACEH set by another layer and keeps Vary: Origin',
      policy: compiledPolicy({ credentials: true, exposeHeaders: 'X-Total' }),
      origin: 'https://evil.example.com',
      allowed: false,
      before: { ...THIRD_PARTY, vary: 'Accept-Encoding', 'content-type': 'application/json' },
      after: { vary: 'Accept-Encoding, Origin', 'content-type': 'application/json' },
    },
    { name: "refused 'null'", policy: compiledPolicy(), origin: 'null', allowed: false, after: { vary: 'Origin' } },
    // no Origin header
    { name: 'no origin', policy: compiledPolicy({ credentials: true, exposeHeaders: 'X-Total' }), origin: undefined, allowed: false, after: { vary: 'Origin' } },
    { name: 'no origin, even if marked allowed', policy: compiledPolicy({ credentials: true }), origin: undefined, allowed: true, after: { vary: 'Origin' } },
    {
      name: 'no origin, existing Vary kept',
      policy: compiledPolicy(),
      origin: undefined,
      allowed: false,
      before: { vary: 'Accept-Encoding, Accept-Language' },
      after: { vary: 'Accept-Encoding, Accept-Language, Origin' },
    },
  ])('$name', ({ policy, origin, allowed, scrub, before, after }) => {
    expect(respond(before ?? {}, policy, origin, allowed, scrub).headers).toEqual(after);
  });
});

describe('applyActualCors: writer calls', () => {
  it.each<{ name: string; policy: CompiledPolicy; origin: string | undefined; allowed: boolean; scrub?: boolean; calls: string[] }>([
    {
      name: "'*'",
      policy: compiledPolicy({ anyOrigin: true }),
      origin: ORIGIN,
      allowed: true,
      calls: ['set Access-Control-Allow-Origin: *'],
    },
    {
      name: 'allowed with credentials: ACAO set exactly once',
      policy: compiledPolicy({ credentials: true, exposeHeaders: 'X-Total' }),
      origin: ORIGIN,
      allowed: true,
      calls: [
        'set Vary: Origin',
        `set Access-Control-Allow-Origin: ${ORIGIN}`,
        'set Access-Control-Allow-Credentials: true',
        'set Access-Control-Expose-Headers: X-Total',
      ],
    },
    {
      name: 'refused',
      policy: compiledPolicy({ credentials: true }),
      origin: 'https://evil.example.com',
      allowed: false,
      calls: [
        'set Vary: Origin',
        'remove Access-Control-Allow-Origin',
        'remove Access-Control-Allow-Credentials',
        'remove Access-Control-Expose-Headers',
      ],
    },
    { name: 'no origin', policy: compiledPolicy(), origin: undefined, allowed: false, calls: ['set Vary: Origin'] },
    {
      name: 'allowed without scrub never removes anything',
      policy: compiledPolicy(),
      origin: ORIGIN,
      allowed: true,
      calls: ['set Vary: Origin', `set Access-Control-Allow-Origin: ${ORIGIN}`],
    },
  ])('$name', ({ policy, origin, allowed, scrub, calls }) => {
    expect(respond({}, policy, origin, allowed, scrub).calls).toEqual(calls);
  });
});
