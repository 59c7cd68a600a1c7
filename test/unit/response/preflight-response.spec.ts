import { describe, expect, it } from '@jest/globals';
import { intersectGrants } from '../../../lib/internal/decision/combine-grants.js';
import type { CorsVerdict } from '../../../lib/internal/decision/cors-verdict.js';
import type { PreflightAsk } from '../../../lib/internal/decision/preflight-request.js';
import { refusal } from '../../../lib/internal/decision/refusal-text.js';
import type { CompiledPolicy } from '../../../lib/internal/policy/compiled-policy.js';
import { sendPreflightAnswer } from '../../../lib/internal/response/preflight-response.js';
import { compiledPolicy } from '../support/compiled-policy.js';
import { FakeResponse, fakeWriter } from '../support/fake-response.js';

const ORIGIN = 'https://app.example.com';
const VARY = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';
const VARY_PNA = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers, Access-Control-Request-Private-Network';

type Question = PreflightAsk & { origin: string };
const ask = (fields: Partial<Question> = {}): Question => ({ origin: ORIGIN, method: 'PUT', headerNames: [], privateNetwork: false, ...fields });

describe('sendPreflightAnswer: the headers of an allowed preflight (grants of every candidate intersected)', () => {
  it.each<{ name: string; policies: CompiledPolicy[]; question: Question; expected: Record<string, string> }>([
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
      policies: [compiledPolicy({ maxAgeSeconds: 600 })],
      question: ask(),
      expected: { 'Access-Control-Allow-Origin': ORIGIN, 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Max-Age': '600', Vary: VARY },
    },
    {
      name: 'max-age 0',
      policies: [compiledPolicy({ maxAgeSeconds: 0 })],
      question: ask(),
      expected: { 'Access-Control-Allow-Origin': ORIGIN, 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Max-Age': '0', Vary: VARY },
    },
    {
      name: 'max-age: the smallest across candidates',
      policies: [compiledPolicy({ maxAgeSeconds: 600 }), compiledPolicy({ maxAgeSeconds: 60 }), compiledPolicy({ maxAgeSeconds: 7200 })],
      question: ask(),
      expected: { 'Access-Control-Allow-Origin': ORIGIN, 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Max-Age': '60', Vary: VARY },
    },
    {
      name: 'max-age: compared as numbers, not strings',
      policies: [compiledPolicy({ maxAgeSeconds: 90 }), compiledPolicy({ maxAgeSeconds: 600 })],
      question: ask(),
      expected: { 'Access-Control-Allow-Origin': ORIGIN, 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Max-Age': '90', Vary: VARY },
    },
    {
      name: 'max-age omitted if one candidate has none (first)',
      policies: [compiledPolicy(), compiledPolicy({ maxAgeSeconds: 600 })],
      question: ask(),
      expected: { 'Access-Control-Allow-Origin': ORIGIN, 'Access-Control-Allow-Methods': 'PUT', Vary: VARY },
    },
    {
      name: 'max-age omitted if one candidate has none (last)',
      policies: [compiledPolicy({ maxAgeSeconds: 600 }), compiledPolicy({ maxAgeSeconds: 60 }), compiledPolicy()],
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
        compiledPolicy({ credentials: true, maxAgeSeconds: 300, allowPrivateNetwork: true }),
        compiledPolicy({ credentials: true, maxAgeSeconds: 120, allowPrivateNetwork: true }),
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
    const response = new FakeResponse();
    const verdict: CorsVerdict = { allowed: true, reason: 'allowed', grant: intersectGrants(policies), candidate: undefined };
    sendPreflightAnswer(fakeWriter, response, verdict, question.origin, question);
    expect(response.sent).toEqual({ status: 204, headers: expected });
  });

  it('a refusal: 403, Vary only', () => {
    const response = new FakeResponse();
    sendPreflightAnswer(fakeWriter, response, refusal('origin-not-allowed', undefined), ORIGIN, ask());
    expect(response.sent).toEqual({ status: 403, headers: { Vary: VARY } });
  });

  it("the grant's success status", () => {
    const response = new FakeResponse();
    const grant = compiledPolicy({ successStatus: 200 });
    sendPreflightAnswer(fakeWriter, response, { allowed: true, reason: 'allowed', grant, candidate: undefined }, ORIGIN, ask());
    expect(response.sent?.status).toBe(200);
  });

  const answer = (policies: CompiledPolicy[], question: Question) => {
    const response = new FakeResponse();
    sendPreflightAnswer(fakeWriter, response, { allowed: true, reason: 'allowed', grant: intersectGrants(policies), candidate: undefined }, question.origin, question);
    return response.sent!.headers;
  };

  it('never emits Access-Control-Expose-Headers, even when the policy exposes headers', () => {
    expect(Object.keys(answer([compiledPolicy({ exposeHeaders: 'X-Total' })], ask()))).not.toContain('Access-Control-Expose-Headers');
  });

  it("sends a new object each time (the grant's fixed headers are never handed out to be changed)", () => {
    const policies = [compiledPolicy({ credentials: true, maxAgeSeconds: 60 })];
    const first = answer(policies, ask());
    first['Access-Control-Allow-Credentials'] = 'false';
    expect(answer(policies, ask())['Access-Control-Allow-Credentials']).toBe('true');
    expect(policies[0]!.preflightHeaders).toEqual({ 'Access-Control-Allow-Credentials': 'true', 'Access-Control-Max-Age': '60' });
  });
});
