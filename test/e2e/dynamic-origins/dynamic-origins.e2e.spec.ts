import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CORS_DEFAULT_POLICY, CorsConfigurationError, CorsPolicyService, RouteCorsInfo } from '../../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { corsHeaders, preflight, send } from '../utils/http.js';
import { AppModule, TenantDirectory } from './app.module.js';

describe.each(ADAPTERS)('dynamic origins (%s)', (name, create) => {
  let running: RunningApp;
  let service: CorsPolicyService;
  const get = (path: string, origin: string) => send(running.url, 'GET', path, { Origin: origin });
  const acao = async (path: string, origin: string) => (await get(path, origin)).headers['access-control-allow-origin'];

  beforeAll(async () => {
    running = await startApp(create, AppModule);
    service = running.app.get(CorsPolicyService);
  });
  afterAll(async () => {
    await running.close();
  });

  describe('origin functions', () => {
    it.each([
      ['https://a.sync.example.com', true],
      ['http://a.sync.example.com', false],
      ['null', false],
    ])('sync function: %s allowed %s', async (origin, allowed) => {
      expect(await acao('/dynamic/sync', origin)).toEqual(allowed ? [origin] : undefined);
    });

    it('async function allows on true, for actual requests and preflights', async () => {
      expect(await acao('/dynamic/async', 'https://async.example.com')).toEqual(['https://async.example.com']);
      expect(await acao('/dynamic/async', 'https://other.example.com')).toBeUndefined();
      const ok = await preflight(running.url, '/dynamic/async', 'https://async.example.com', 'PUT');
      expect(ok.status).toBe(204);
      expect(ok.headers['access-control-allow-origin']).toEqual(['https://async.example.com']);
      const refused = await preflight(running.url, '/dynamic/async', 'https://other.example.com', 'PUT');
      expect(refused.status).toBe(403);
      expect(corsHeaders(refused)).toEqual({});
    });

    it.each(['throws', 'rejects', 'hangs'])('a function that %s refuses (never a 5xx) and is logged', async (kind) => {
      const before = running.logger.cors('warn').length;
      const res = await get(`/dynamic/${kind}`, 'https://any.example.com');
      expect(res.status).toBe(200);
      expect(corsHeaders(res)).toEqual({});
      expect(res.headers.vary).toEqual(['Origin']);
      const pre = await preflight(running.url, `/dynamic/${kind}`, 'https://any.example.com', 'GET');
      expect(pre.status).toBe(403);
      expect(corsHeaders(pre)).toEqual({});
      const logged = running.logger.cors('warn').slice(before);
      expect(logged).toHaveLength(2);
      expect(logged[0]).toContain('DynamicController.');
      expect(logged[0]).toContain(kind === 'hangs' ? 'did not answer within 100 ms' : 'threw');
      expect(logged[0]).toContain('"https://any.example.com" refused');
    });

    it('only exactly true allows: a truthy non-boolean refuses', async () => {
      expect(await acao('/dynamic/truthy', 'https://any.example.com')).toBeUndefined();
    });

    it('an async function backed by an injected service', async () => {
      const directory = running.app.get(TenantDirectory);
      expect(await acao('/dynamic/tenant', 'https://acme.example.com')).toEqual(['https://acme.example.com']);
      expect(await acao('/dynamic/tenant', 'https://newco.example.com')).toBeUndefined();
      directory.domains.add('https://newco.example.com');
      expect(await acao('/dynamic/tenant', 'https://newco.example.com')).toEqual(['https://newco.example.com']);
      const pre = await preflight(running.url, '/dynamic/tenant', 'https://newco.example.com', 'PUT', 'content-type');
      expect(pre.status).toBe(204);
      expect(pre.headers['access-control-allow-credentials']).toEqual(['true']);
    });
  });

  describe('runtime origins (CorsPolicyService)', () => {
    it('allowOrigin / revokeOrigin on the defaults change answers without a restart', async () => {
      const origin = 'https://runtime.example.com';
      expect(await acao('/runtime', origin)).toBeUndefined();
      service.allowOrigin(origin);
      expect(service.getRuntimeOrigins()).toEqual([origin]);
      expect(await acao('/runtime', origin)).toEqual([origin]);
      expect((await preflight(running.url, '/runtime', origin, 'GET')).status).toBe(204);
      expect(await service.revokeOrigin(origin)).toBe(true);
      expect(await service.revokeOrigin(origin)).toBe(false);
      expect(await acao('/runtime', origin)).toBeUndefined();
      expect((await preflight(running.url, '/runtime', origin, 'GET')).status).toBe(403);
    });

    it('a runtime subdomain pattern', async () => {
      service.allowOrigin('https://*.customers.example.com');
      expect(await acao('/runtime', 'https://x.customers.example.com')).toEqual(['https://x.customers.example.com']);
      expect(await acao('/runtime', 'https://customers.example.com')).toBeUndefined();
      service.revokeOrigin('https://*.customers.example.com');
      expect(await acao('/runtime', 'https://x.customers.example.com')).toBeUndefined();
    });

    it('origins added to a named policy apply to its routes only', async () => {
      const origin = 'https://new-partner.example.org';
      service.allowOrigin(origin, 'partners');
      expect(await acao('/runtime/partners', origin)).toEqual([origin]);
      expect(await acao('/runtime', origin)).toBeUndefined();
      service.revokeOrigin(origin, 'partners');
      expect(await acao('/runtime/partners', origin)).toBeUndefined();
    });

    it('inline origins are not affected by runtime origins of the defaults', async () => {
      const origin = 'https://runtime2.example.com';
      service.allowOrigin(origin);
      expect(await acao('/runtime/inline', origin)).toBeUndefined();
      expect(await acao('/runtime', origin)).toEqual([origin]);
      service.revokeOrigin(origin);
    });

    it('runtime origins also join a function-based policy', async () => {
      const origin = 'https://manual.example.com';
      service.allowOrigin(origin, 'tenants');
      expect(await acao('/dynamic/tenant', origin)).toEqual([origin]);
      service.revokeOrigin(origin, 'tenants');
    });

    it.each([
      ['https://app.example.com/', 'non-canonical-origin', 'remove the trailing slash'],
      ['null', 'null-origin', 'sandboxed'],
      ['http://insecure.example.com', 'insecure-origin-with-credentials', 'https://insecure.example.com'],
      ['*', 'invalid-type', "'*' cannot be added"],
    ])('refuses %s like a configured origin (%s), through the promise', async (origin, code, hint) => {
      const result = service.allowOrigin(origin);
      expect(service.getRuntimeOrigins()).toEqual([]);
      const error = await result.then(() => undefined, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(CorsConfigurationError);
      const problem = (error as CorsConfigurationError).problems[0]!;
      expect(problem.code).toBe(code);
      expect(problem.message).toContain(hint);
      expect(service.getRuntimeOrigins()).toEqual([]);
    });

    it('an unknown policy name rejects with a suggestion, and nothing is thrown synchronously', async () => {
      await expect(service.allowOrigin('https://x.example.com', 'partner')).rejects.toThrow(/did you mean "partners"/);
      await expect(service.revokeOrigin('https://x.example.com', 'nope')).rejects.toThrow(CorsConfigurationError);
      // '' no longer names the defaults: CORS_DEFAULT_POLICY does, or no name at all.
      await expect(service.allowOrigin('https://x.example.com', '')).rejects.toThrow('the module defaults are named "default" (CORS_DEFAULT_POLICY), or leave policyName out');
      await service.allowOrigin('https://ok.example.com', CORS_DEFAULT_POLICY);
      expect(service.getRuntimeOrigins()).toEqual(['https://ok.example.com']);
      expect(await service.revokeOrigin('https://ok.example.com')).toBe(true);
    });

    it('a refused call that nobody awaits is logged, not an unhandled rejection', async () => {
      const logger = running.logger;
      const before = logger.cors('warn').length;
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      try {
        void service.allowOrigin('null');
        void service.revokeOrigin('https://x.example.com', 'nope');
        // Node reports a rejection nobody handled once the microtask queue is empty.
        await new Promise((resolve) => setTimeout(resolve, 10));
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
      expect(unhandled).toEqual([]);
      expect(logger.cors('warn').slice(before)).toEqual([
        expect.stringMatching(/^CorsPolicyService\.allowOrigin refused: Invalid CORS configuration \(1 problem\):\n {2}1\. \[null-origin\] CorsPolicyService\.allowOrigin\(\): origin\[0\] = "null": /),
        expect.stringMatching(/^CorsPolicyService\.revokeOrigin refused: Invalid CORS configuration \(1 problem\):\n {2}1\. \[unknown-policy\] CorsPolicyService: policyName = "nope": /),
      ]);
    });

    it('getRoutes() reports every route with its effective policy and sources', () => {
      const routes = service.getRoutes();
      const partners = routes.find((r) => r.path === '/runtime/partners');
      expect(partners).toEqual({
        kind: 'route',
        method: 'GET',
        path: '/runtime/partners',
        controller: 'RuntimeController',
        handler: 'partners',
        enabled: true,
        origins: ['https://partner.example.org'],
        runtimeOriginsFrom: 'partners',
        credentials: true,
        allowedHeaders: '*',
        exposedHeaders: [],
        allowPrivateNetwork: false,
        headersFrom: name === 'express' ? 'middleware' : 'body-parsing',
        sources: { origin: 'policy:partners', credentials: 'module' },
      });
      const inline = routes.find((r) => r.path === '/runtime/inline');
      expect(inline?.runtimeOriginsFrom).toBeUndefined();
      expect(inline?.sources.origin).toBe('handler');
      expect(routes.filter((r): r is RouteCorsInfo => r.kind === 'route' && r.controller === 'DynamicController').map((r) => `${r.method} ${r.path}`)).toEqual([
        'GET /dynamic/sync',
        'GET /dynamic/async',
        'PUT /dynamic/async',
        'GET /dynamic/throws',
        'GET /dynamic/rejects',
        'GET /dynamic/hangs',
        'GET /dynamic/truthy',
        'GET /dynamic/tenant',
        'PUT /dynamic/tenant',
      ]);
    });
  });
});
