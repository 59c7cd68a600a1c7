import { describe, expect, it } from '@jest/globals';
import type { Candidate } from '../../../lib/internal/decision/candidate.js';
import type { Combine, CorsQuestion } from '../../../lib/internal/decision/cors-question.js';
import type { CorsVerdict } from '../../../lib/internal/decision/cors-verdict.js';
import { DecisionRules, decide } from '../../../lib/internal/decision/decide.js';
import { OriginMatcher } from '../../../lib/internal/origin/origin-matcher.js';
import type { OriginFunctionFailure } from '../../../lib/internal/policy/check-origin.js';
import type { CompiledPolicy } from '../../../lib/internal/policy/compiled-policy.js';
import type { Grant } from '../../../lib/internal/policy/grant.js';
import { compiledPolicy } from '../support/compiled-policy.js';

const APP = 'https://app.example.com';
const ADMIN = 'https://admin.example.com';
const EVIL = 'https://evil.example.net';

const allowing = (...origins: string[]): CompiledPolicy => compiledPolicy({ matcher: new OriginMatcher(new Set(origins), [], [], undefined) });
const APP_POLICY = allowing(APP);
const APP_CREDENTIALS = compiledPolicy({ matcher: new OriginMatcher(new Set([APP]), [], [], undefined), credentials: true, maxAgeSeconds: 600 });
const ADMIN_POLICY = allowing(ADMIN);
const ANY = compiledPolicy({ anyOrigin: true });
const ANY_NO_HEADERS = compiledPolicy({ anyOrigin: true, allowedHeaders: new Set() });
const THROWS = compiledPolicy({
  originFunction: () => {
    throw new Error('down');
  },
  originsFrom: '@Cors() on FnGateway',
});
const NEVER = compiledPolicy({ originFunction: () => new Promise<boolean>(() => undefined) });
const ASYNC_YES = compiledPolicy({ originFunction: async () => true });
const LISTED = compiledPolicy({ matcher: new OriginMatcher(new Set([APP]), [], [], undefined), methods: new Set(['GET', 'PUT']), allowedHeaders: new Set(['x-a', 'content-type']) });

const at = (policy: CompiledPolicy | undefined, label = 'ChatGateway'): Candidate => ({ policy, label });

type Ask = Partial<Omit<CorsQuestion, 'request'>>;
function ask(question: Ask, candidates: Candidate[], combine: Combine = 'every', rules: Partial<DecisionRules> = {}) {
  const failures: OriginFunctionFailure[] = [];
  const verdict = decide(
    { kind: 'handshake', transport: 'ws', origin: undefined, request: {}, ...question },
    candidates,
    combine,
    { originCheckTimeout: 20, requireOrigin: false, onOriginFunctionFailure: (_c, _o, failure) => failures.push(failure), ...rules },
  );
  return { verdict, failures };
}

/** What matters of a verdict: allowed with its reason and grant, or refused with its code and words. */
type Seen = { allowed: boolean; reason: string; grant?: Grant | undefined; text?: string };
const seen = (v: CorsVerdict): Seen => (v.allowed ? { allowed: true, reason: v.reason, grant: v.grant } : { allowed: false, reason: v.reason, text: v.text });
const ok = (grant: Grant | undefined, reason = 'allowed'): Seen => ({ allowed: true, reason, grant });
const no = (reason: string, text: string): Seen => ({ allowed: false, reason, text });
/** What `APP_CREDENTIALS` and `ANY` both grant. */
const BOTH: Grant = { anyOrigin: false, credentials: false, exposeHeaders: undefined, maxAgeSeconds: undefined, allowPrivateNetwork: false, successStatus: 204, preflightHeaders: {} };

describe('decide: handshakes (ws, socket.io)', () => {
  it.each<[string, Ask, Candidate[], Combine, Partial<DecisionRules>, Seen]>([
    ['no Origin: not a browser, allowed', {}, [at(APP_POLICY)], 'every', {}, ok(APP_POLICY, 'no-origin')],
    ['no Origin with requireOrigin', {}, [at(APP_POLICY)], 'every', { requireOrigin: true }, no('origin-required', 'no Origin header, and websockets.requireOrigin is set')],
    ['no Origin, no gateway', {}, [], 'every', {}, ok(undefined, 'no-origin')],
    ['the own origin, not in the policy', { origin: APP, ownOrigin: true }, [at(ADMIN_POLICY)], 'every', {}, ok(undefined, 'same-origin')],
    ['the own origin, gateway without CORS', { origin: APP, ownOrigin: true }, [at(undefined)], 'every', {}, ok(undefined, 'same-origin')],
    ['an allowed origin', { origin: APP }, [at(APP_POLICY)], 'every', {}, ok(APP_POLICY)],
    ['a refused origin', { origin: EVIL }, [at(APP_POLICY)], 'every', {}, no('origin-not-allowed', 'origin not allowed by the module defaults on ChatGateway')],
    ["'*' allows any origin", { origin: EVIL }, [at(ANY)], 'every', {}, ok(ANY)],
    ["null, even under '*'", { origin: 'null' }, [at(ANY)], 'every', {}, no('origin-null', 'Origin null (sandboxed iframes, file: and data: pages, redirects) is never allowed')],
    ["a malformed origin, even under '*'", { origin: 'https://APP.example.com' }, [at(ANY)], 'every', {}, no('malformed-origin', 'malformed Origin')],
    ['two origins joined', { origin: `${APP}, ${EVIL}` }, [at(ANY)], 'every', {}, no('malformed-origin', 'malformed Origin')],
    ['an empty Origin', { origin: '' }, [at(ANY)], 'every', {}, no('malformed-origin', 'malformed Origin')],
    ['a gateway without CORS', { origin: APP }, [at(undefined)], 'every', {}, no('cors-disabled', 'ChatGateway has no CORS (only same-origin handshakes)')],
    ['no gateway here', { origin: APP }, [], 'some', {}, no('no-gateway', 'no gateway is served here')],
    ['every: all allow, the grant is what both allow', { origin: APP }, [at(APP_CREDENTIALS), at(ANY, 'Other')], 'every', {}, ok(BOTH)],
    ['every: one refuses', { origin: APP }, [at(APP_POLICY), at(ADMIN_POLICY, 'AdminGateway')], 'every', {}, no('origin-not-allowed', 'origin not allowed by the module defaults on AdminGateway')],
    ['some: one allows', { origin: ADMIN }, [at(APP_POLICY), at(ADMIN_POLICY, 'AdminGateway')], 'some', {}, ok(ADMIN_POLICY)],
    ['some: the strongest grant (credentials) of those that allow', { origin: APP }, [at(ANY, 'Any'), at(APP_POLICY, 'Plain'), at(APP_CREDENTIALS, 'Creds')], 'some', {}, ok(APP_CREDENTIALS)],
    ['some: an exact origin before *', { origin: APP }, [at(ANY, 'Any'), at(APP_POLICY, 'Plain')], 'some', {}, ok(APP_POLICY)],
    [
      'some: none allows, every reason',
      { origin: EVIL },
      [at(APP_POLICY), at(undefined, 'OffGateway')],
      'some',
      {},
      no('no-candidate-allows', 'no gateway here allows it (OffGateway has no CORS (only same-origin handshakes); origin not allowed by the module defaults on ChatGateway)'),
    ],
    ['some: one candidate refusing, its own reason', { origin: EVIL }, [at(APP_POLICY)], 'some', {}, no('origin-not-allowed', 'origin not allowed by the module defaults on ChatGateway')],
    ['an origin function that throws refuses', { origin: APP }, [at(THROWS, 'FnGateway')], 'every', {}, no('origin-function-threw', 'origin function threw on FnGateway')],
  ])('%s', (_name, question, candidates, combine, rules, expected) => {
    const { verdict } = ask(question, candidates, combine, rules);
    expect(verdict).not.toBeInstanceOf(Promise);
    expect(seen(verdict as CorsVerdict)).toEqual(expected);
  });

  it('an origin function that throws is reported once', () => {
    expect(ask({ origin: APP }, [at(THROWS)]).failures).toEqual([{ kind: 'threw', error: new Error('down') }]);
  });

  it('the own origin never reaches an origin function', () => {
    const { verdict, failures } = ask({ origin: APP, ownOrigin: true }, [at(THROWS)]);
    expect(seen(verdict as CorsVerdict)).toEqual(ok(undefined, 'same-origin'));
    expect(failures).toEqual([]);
  });

  it('an async origin function that allows', async () => {
    const { verdict } = ask({ origin: APP }, [at(ASYNC_YES)]);
    expect(verdict).toBeInstanceOf(Promise);
    expect(seen(await verdict)).toEqual(ok(ASYNC_YES));
  });

  it('a function that never answers refuses after the timeout, reported as one', async () => {
    const { verdict, failures } = ask({ origin: APP }, [at(NEVER)]);
    expect(seen(await verdict)).toEqual(no('origin-function-timeout', 'origin function timed out after 20 ms on ChatGateway'));
    expect(failures).toEqual([{ kind: 'timeout', ms: 20 }]);
  });

  it('some: a static allow beside a function that never answers still waits, then allows', async () => {
    const { verdict } = ask({ origin: APP }, [at(APP_POLICY), at(NEVER, 'Slow')], 'some');
    expect(seen(await verdict)).toEqual(ok(APP_POLICY));
  });
});

describe('decide: HTTP', () => {
  const route = (policy: CompiledPolicy | undefined) => at(policy, 'PUT /items/:id (ItemsController.put)');
  const preflight = (fields: Ask): Ask => ({ kind: 'preflight', transport: 'http', origin: APP, method: 'PUT', headerNames: [], path: '/items/1', ...fields });
  const actual = (fields: Ask): Ask => ({ kind: 'actual', transport: 'http', ...fields });
  const REFUSED_ON_ROUTE = 'origin not allowed by the module defaults on PUT /items/:id (ItemsController.put)';
  it.each<[string, Ask, Candidate[], Seen]>([
    ['actual, no Origin: the policy, for Vary', actual({}), [route(APP_POLICY)], ok(APP_POLICY, 'no-origin')],
    ['actual, allowed', actual({ origin: APP }), [route(APP_POLICY)], ok(APP_POLICY)],
    ['actual, refused', actual({ origin: EVIL }), [route(APP_POLICY)], no('origin-not-allowed', REFUSED_ON_ROUTE)],
    ["actual, null under '*' (no reflection: the answer is *)", actual({ origin: 'null' }), [route(ANY)], ok(ANY)],
    ['actual, null under a list', actual({ origin: 'null' }), [route(APP_POLICY)], no('origin-not-allowed', REFUSED_ON_ROUTE)],
    ['preflight, no CORS', preflight({}), [route(undefined)], no('cors-disabled', 'CORS is disabled on this route on PUT /items/:id (ItemsController.put)')],
    ['preflight, any method, any header', preflight({ method: 'PROPFIND', headerNames: ['x-anything'] }), [route(APP_POLICY)], ok(APP_POLICY)],
    ['preflight, listed method and headers', preflight({ headerNames: ['content-type', 'x-a'] }), [route(LISTED)], ok(LISTED)],
    ['preflight, unlisted method', preflight({ method: 'DELETE' }), [route(LISTED)], no('method-not-allowed', 'method DELETE is not in methods [GET, PUT] on PUT /items/:id (ItemsController.put)')],
    ['preflight, method in another case', preflight({ method: 'put' }), [route(LISTED)], no('method-not-allowed', 'method put is not in methods [GET, PUT] on PUT /items/:id (ItemsController.put)')],
    ['preflight, empty method list', preflight({ method: 'GET' }), [route(compiledPolicy({ methods: new Set() }))], no('method-not-allowed', 'method GET is not in methods [] on PUT /items/:id (ItemsController.put)')],
    ['preflight, no headers asked of an empty list', preflight({}), [route(ANY_NO_HEADERS)], ok(ANY_NO_HEADERS)],
    [
      'preflight, the first unlisted header',
      preflight({ headerNames: ['x-a', 'x-b', 'x-c'] }),
      [route(LISTED)],
      no('header-not-allowed', 'header "x-b" is not in allowedHeaders [x-a, content-type] on PUT /items/:id (ItemsController.put)'),
    ],
    ['preflight, method before headers', preflight({ method: 'DELETE', headerNames: ['x-b'] }), [route(LISTED)], no('method-not-allowed', 'method DELETE is not in methods [GET, PUT] on PUT /items/:id (ItemsController.put)')],
    ['preflight, method and headers before the origin', preflight({ origin: EVIL, method: 'DELETE' }), [route(LISTED)], no('method-not-allowed', 'method DELETE is not in methods [GET, PUT] on PUT /items/:id (ItemsController.put)')],
    ['preflight, no candidate', preflight({ method: 'GET', path: '/nowhere' }), [], no('no-route', 'no route serves GET /nowhere (an endpoint outside controllers, such as GraphQL or static files, needs a `paths` entry)')],
    [
      'preflight, every: a later candidate refuses the method',
      preflight({}),
      [route(APP_POLICY), at(compiledPolicy({ methods: new Set(['GET']) }), 'PUT /items/:id (V2Controller.put)')],
      no('method-not-allowed', 'method PUT is not in methods [GET] on PUT /items/:id (V2Controller.put)'),
    ],
  ])('%s', (_name, question, candidates, expected) => {
    const { verdict } = ask(question, candidates);
    expect(verdict).not.toBeInstanceOf(Promise);
    expect(seen(verdict as CorsVerdict)).toEqual(expected);
  });
});
