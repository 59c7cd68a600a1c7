import { describe, expect, it } from '@jest/globals';
import type { ExecutionContext } from '@nestjs/common';
import { DECIDED_BY } from '../../../lib/internal/request/answer-actual-request.js';
import type { ActualStrategy, TableRoute } from '../../../lib/internal/table/cors-table.js';
import { OriginMatcher } from '../../../lib/internal/origin/origin-matcher.js';
import type { CompiledPolicy } from '../../../lib/internal/policy/compiled-policy.js';
import { CorsGuard } from '../../../lib/internal/request/cors-guard.js';
import { CorsAppState } from '../../../lib/internal/request/cors-request-path.js';
import { compiledPolicy } from '../support/compiled-policy.js';
import { FakeResponse, fakeWriter } from '../support/fake-response.js';
import { emptyTable, fakeRequestPath } from '../support/fake-request-path.js';

const APP = 'https://app.example.com';
class ItemsController {}
function get() {}

function guardFor(policy: CompiledPolicy | undefined, strategy: ActualStrategy): CorsGuard {
  const route = { controller: ItemsController, handler: get, policy, label: 'GET /r (ItemsController.get)', strategy } as unknown as TableRoute;
  const requestPath = fakeRequestPath({ writer: fakeWriter });
  const holder = new CorsAppState();
  holder.requestPath = { ...requestPath, table: { ...emptyTable(), byHandler: new Map([[ItemsController, new Map([[get, route]])]]) } };
  return new CorsGuard(holder);
}

function context(request: object, response: FakeResponse, type = 'http'): ExecutionContext {
  return {
    getClass: () => ItemsController,
    getHandler: () => get,
    getType: () => type,
    getArgByIndex: (i: number) => (i === 0 ? request : response),
  } as unknown as ExecutionContext;
}

const allowsApp = compiledPolicy({ matcher: new OriginMatcher(new Set([APP]), [], [], undefined) });

describe('CorsGuard: confirms what was decided, decides the rest, never blocks', () => {
  it('a request already decided with this route policy: nothing written again', () => {
    const response = new FakeResponse();
    expect(guardFor(allowsApp, 'entry-hook').canActivate(context({ headers: { origin: APP }, [DECIDED_BY]: allowsApp }, response))).toBe(true);
    expect(response.snapshot()).toEqual({});
  });

  it('a request it decides is sealed: refused or not, what runs after cannot undo the verdict', () => {
    const allowed = new FakeResponse();
    guardFor(allowsApp, 'guard').canActivate(context({ headers: { origin: APP } }, allowed));
    expect(allowed.sealedRefused).toBe(false);
    const refused = new FakeResponse();
    guardFor(allowsApp, 'guard').canActivate(context({ headers: { origin: 'https://evil.example.net' } }, refused));
    expect([refused.sealedRefused, refused.snapshot()]).toEqual([true, { vary: 'Origin' }]);
  });

  it.each<[string, object]>([
    ['not decided yet (the entry hook could not route it)', { headers: { origin: APP } }],
    ['decided with another policy (the adapter chose another route)', { headers: { origin: APP }, [DECIDED_BY]: compiledPolicy() }],
  ])('%s: decided here', (_name, request) => {
    const response = new FakeResponse();
    expect(guardFor(allowsApp, 'guard').canActivate(context(request, response))).toBe(true);
    expect(response.snapshot()).toEqual({ 'access-control-allow-origin': APP, vary: 'Origin' });
  });

  it('a request without Origin gets Vary: Origin', () => {
    const response = new FakeResponse();
    guardFor(allowsApp, 'guard').canActivate(context({ headers: {} }, response));
    expect(response.snapshot()).toEqual({ vary: 'Origin' });
  });

  it.each<[string, CorsGuard]>([
    ['a route without CORS', guardFor(undefined, 'none')],
    ['before the app initialized', new CorsGuard(new CorsAppState())],
  ])('%s: lets the request through untouched', (_name, guard) => {
    const response = new FakeResponse();
    expect(guard.canActivate(context({ headers: { origin: APP } }, response))).toBe(true);
    expect(response.snapshot()).toEqual({});
  });

  it('not an HTTP context (a microservice or gateway handler): untouched', () => {
    const response = new FakeResponse();
    expect(guardFor(allowsApp, 'guard').canActivate(context({ headers: { origin: APP } }, response, 'rpc'))).toBe(true);
    expect(response.snapshot()).toEqual({});
  });

  it('an async origin function: resolves true once the headers are written', async () => {
    const policy = compiledPolicy({ originFunction: async () => true });
    const response = new FakeResponse();
    await expect(guardFor(policy, 'guard').canActivate(context({ headers: { origin: APP } }, response))).resolves.toBe(true);
    expect(response.snapshot()['access-control-allow-origin']).toBe(APP);
  });
});
