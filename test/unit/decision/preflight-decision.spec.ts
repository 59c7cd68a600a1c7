import { describe, expect, it } from '@jest/globals';
import { CompiledPolicy } from '../../../lib/internal/policy/compiled-policy.js';
import { PreflightQuestion, preflightHeaders, refuseMethodOrHeaders } from '../../../lib/internal/decision/preflight-decision.js';
import { compiledPolicy } from '../support/compiled-policy.js';

const ORIGIN = 'https://app.example.com';
const VARY = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';
const VARY_PNA = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network';

const ask = (fields: Partial<PreflightQuestion> = {}): PreflightQuestion => ({
  origin: ORIGIN,
  method: 'PUT',
  headerNames: [],
  privateNetwork: false,
  ...fields,
});

describe('refuseMethodOrHeaders', () => {
  const methods = new Set(['GET', 'PUT']);
  const allowedHeaders = new Set(['x-a', 'content-type']);
  it.each<{ name: string; policy: CompiledPolicy | undefined; question: PreflightQuestion; expected: string | undefined }>([
    { name: 'no policy', policy: undefined, question: ask(), expected: 'CORS is disabled on this route' },
    { name: 'any method, any header', policy: compiledPolicy(), question: ask({ method: 'PROPFIND', headerNames: ['x-anything'] }), expected: undefined },
    { name: 'listed method', policy: compiledPolicy({ methods }), question: ask({ method: 'PUT' }), expected: undefined },
    { name: 'unlisted method', policy: compiledPolicy({ methods }), question: ask({ method: 'DELETE' }), expected: 'method DELETE is not in methods [GET, PUT]' },
    { name: 'method in another case', policy: compiledPolicy({ methods }), question: ask({ method: 'put' }), expected: 'method put is not in methods [GET, PUT]' },
    { name: 'empty method list', policy: compiledPolicy({ methods: new Set() }), question: ask({ method: 'GET' }), expected: 'method GET is not in methods []' },
    { name: 'listed headers', policy: compiledPolicy({ allowedHeaders }), question: ask({ headerNames: ['content-type', 'x-a'] }), expected: undefined },
    { name: 'no headers asked', policy: compiledPolicy({ allowedHeaders: new Set() }), question: ask({ headerNames: [] }), expected: undefined },
    {
      name: 'one unlisted header',
      policy: compiledPolicy({ allowedHeaders }),
      question: ask({ headerNames: ['x-a', 'x-b', 'x-c'] }),
      expected: 'header "x-b" is not in allowedHeaders [x-a, content-type]',
    },
    {
      name: 'authorization not listed',
      policy: compiledPolicy({ allowedHeaders }),
      question: ask({ headerNames: ['authorization'] }),
      expected: 'header "authorization" is not in allowedHeaders [x-a, content-type]',
    },
    {
      name: 'method is checked before headers',
      policy: compiledPolicy({ methods, allowedHeaders }),
      question: ask({ method: 'DELETE', headerNames: ['x-b'] }),
      expected: 'method DELETE is not in methods [GET, PUT]',
    },
  ])('$name', ({ policy, question, expected }) => {
    expect(refuseMethodOrHeaders(policy, question)).toBe(expected);
  });
});

describe('preflightHeaders', () => {
  it.each<{ name: string; policies: CompiledPolicy[]; question: PreflightQuestion; expected: Record<string, string> }>([
    {
      name: 'minimal',
      policies: [compiledPolicy()],
      question: ask(),
      expected: { 'Access-Control-Allow-Origin': ORIGIN, 'Access-Control-Allow-Methods': 'PUT', Vary: VARY },
    },
    {
      name: 'echoes the method as asked',
      policies: [compiledPolicy()],
      question: ask({ method: 'patch' }),
      expected: { 'Access-Control-Allow-Origin': ORIGIN, 'Access-Control-Allow-Methods': 'patch', Vary: VARY },
    },
    {
      name: 'echoes the origin byte for byte',
      policies: [compiledPolicy()],
      question: ask({ origin: 'http://[::1]:3000' }),
      expected: { 'Access-Control-Allow-Origin': 'http://[::1]:3000', 'Access-Control-Allow-Methods': 'PUT', Vary: VARY },
    },
    {
      name: 'echoes the requested headers',
      policies: [compiledPolicy()],
      question: ask({ headerNames: ['authorization', 'content-type', 'x-request-id'] }),
      expected: {
        'Access-Control-Allow-Origin': ORIGIN,
        'Access-Control-Allow-Methods': 'PUT',
        'Access-Control-Allow-Headers': 'authorization, content-type, x-request-id',
        Vary: VARY,
      },
    },
    {
      name: 'credentials',
      policies: [compiledPolicy({ credentials: true })],
      question: ask({ headerNames: ['x-a'] }),
      expected: {
        'Access-Control-Allow-Origin': ORIGIN,
        'Access-Control-Allow-Methods': 'PUT',
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Allow-Headers': 'x-a',
        Vary: VARY,
      },
    },
    {
      name: "origin '*'",
      policies: [compiledPolicy({ anyOrigin: true })],
      question: ask(),
      expected: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'PUT', Vary: VARY },
    },
    {
      name: "origin '*' never with credentials",
      policies: [compiledPolicy({ anyOrigin: true, credentials: true })],
      question: ask(),
      expected: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'PUT', Vary: VARY },
    },
    {
      name: "'*' only if every candidate allows any origin",
      policies: [compiledPolicy({ anyOrigin: true }), compiledPolicy()],
      question: ask(),
      expected: { 'Access-Control-Allow-Origin': ORIGIN, 'Access-Control-Allow-Methods': 'PUT', Vary: VARY },
    },
    {
      name: 'credentials only if every candidate allows them',
      policies: [compiledPolicy({ credentials: true }), compiledPolicy({ credentials: false })],
      question: ask(),
      expected: { 'Access-Control-Allow-Origin': ORIGIN, 'Access-Control-Allow-Methods': 'PUT', Vary: VARY },
    },
    {
      name: 'credentials when every candidate allows them',
      policies: [compiledPolicy({ credentials: true }), compiledPolicy({ credentials: true })],
      question: ask(),
      expected: { 'Access-Control-Allow-Origin': ORIGIN, 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Allow-Credentials': 'true', Vary: VARY },
    },
    {
      name: 'max-age',
      policies: [compiledPolicy({ maxAge: '600' })],
      question: ask(),
      expected: { 'Access-Control-Allow-Origin': ORIGIN, 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Max-Age': '600', Vary: VARY },
    },
    {
      name: 'max-age 0',
      policies: [compiledPolicy({ maxAge: '0' })],
      question: ask(),
      expected: { 'Access-Control-Allow-Origin': ORIGIN, 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Max-Age': '0', Vary: VARY },
    },
    {
      name: 'max-age: the smallest across candidates',
      policies: [compiledPolicy({ maxAge: '600' }), compiledPolicy({ maxAge: '60' }), compiledPolicy({ maxAge: '7200' })],
      question: ask(),
      expected: { 'Access-Control-Allow-Origin': ORIGIN, 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Max-Age': '60', Vary: VARY },
    },
    {
      name: 'max-age: compared as numbers, not strings',
      policies: [compiledPolicy({ maxAge: '90' }), compiledPolicy({ maxAge: '600' })],
      question: ask(),
      expected: { 'Access-Control-Allow-Origin': ORIGIN, 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Max-Age': '90', Vary: VARY },
    },
    {
      name: 'max-age omitted if one candidate has none (first)',
      policies: [compiledPolicy(), compiledPolicy({ maxAge: '600' })],
      question: ask(),
      expected: { 'Access-Control-Allow-Origin': ORIGIN, 'Access-Control-Allow-Methods': 'PUT', Vary: VARY },
    },
    {
      name: 'max-age omitted if one candidate has none (last)',
      policies: [compiledPolicy({ maxAge: '600' }), compiledPolicy({ maxAge: '60' }), compiledPolicy()],
      question: ask(),
      expected: { 'Access-Control-Allow-Origin': ORIGIN, 'Access-Control-Allow-Methods': 'PUT', Vary: VARY },
    },
    {
      name: 'private network requested and allowed',
      policies: [compiledPolicy({ allowPrivateNetwork: true })],
      question: ask({ privateNetwork: true }),
      expected: {
        'Access-Control-Allow-Origin': ORIGIN,
        'Access-Control-Allow-Methods': 'PUT',
        'Access-Control-Allow-Private-Network': 'true',
        Vary: VARY_PNA,
      },
    },
    {
      name: 'private network requested, not allowed',
      policies: [compiledPolicy({ allowPrivateNetwork: false })],
      question: ask({ privateNetwork: true }),
      expected: { 'Access-Control-Allow-Origin': ORIGIN, 'Access-Control-Allow-Methods': 'PUT', Vary: VARY_PNA },
    },
    {
      name: 'private network allowed, not requested',
      policies: [compiledPolicy({ allowPrivateNetwork: true })],
      question: ask({ privateNetwork: false }),
      expected: { 'Access-Control-Allow-Origin': ORIGIN, 'Access-Control-Allow-Methods': 'PUT', Vary: VARY },
    },
    {
      name: 'private network requested, allowed by only one candidate',
      policies: [compiledPolicy({ allowPrivateNetwork: true }), compiledPolicy({ allowPrivateNetwork: false })],
      question: ask({ privateNetwork: true }),
      expected: { 'Access-Control-Allow-Origin': ORIGIN, 'Access-Control-Allow-Methods': 'PUT', Vary: VARY_PNA },
    },
    {
      name: 'everything',
      policies: [
        compiledPolicy({ credentials: true, maxAge: '300', allowPrivateNetwork: true }),
        compiledPolicy({ credentials: true, maxAge: '120', allowPrivateNetwork: true }),
      ],
      question: ask({ method: 'DELETE', headerNames: ['authorization'], privateNetwork: true }),
      expected: {
        'Access-Control-Allow-Origin': ORIGIN,
        'Access-Control-Allow-Methods': 'DELETE',
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Allow-Headers': 'authorization',
        'Access-Control-Max-Age': '120',
        'Access-Control-Allow-Private-Network': 'true',
        Vary: VARY_PNA,
      },
    },
  ])('$name', ({ policies, question, expected }) => {
    expect(preflightHeaders(policies, question)).toEqual(expected);
  });

  it('never emits Access-Control-Expose-Headers, even when the policy exposes headers', () => {
    const headers = preflightHeaders([compiledPolicy({ exposeHeaders: 'X-Total' })], ask());
    expect(Object.keys(headers)).not.toContain('Access-Control-Expose-Headers');
  });

  it('returns a new object each time (no shared mutable header objects)', () => {
    const policies = [compiledPolicy()];
    const first = preflightHeaders(policies, ask());
    first['Access-Control-Allow-Origin'] = 'https://evil.example.com';
    expect(preflightHeaders(policies, ask())['Access-Control-Allow-Origin']).toBe(ORIGIN);
  });
});
