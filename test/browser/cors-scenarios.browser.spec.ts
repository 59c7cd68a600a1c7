import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CorsPolicyService } from '../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../e2e/utils/adapters.js';
import { withEtags } from '../e2e/utils/etags.js';
import { BrowserOutcome, pageFetch, pageXhr } from './support/browser-requests.js';
import { describeEachEngine, TestBrowser, TestPage } from './support/engine.js';
import { ENGINES } from './support/engines.js';
import { PageServer, startPageServer } from './support/page-server.js';
import { RequestLog } from './support/request-log.js';
import { ScenarioOrigins, ScenariosAppModule } from './scenarios-app.module.js';

const JSON_BODY = { 'Content-Type': 'application/json' };

/** Narrows an outcome to "allowed" for the assertions that follow. */
function allowed(result: BrowserOutcome): Extract<BrowserOutcome, { outcome: 'allowed' }> {
  expect(result).toMatchObject({ outcome: 'allowed' });
  return result as Extract<BrowserOutcome, { outcome: 'allowed' }>;
}

const BLOCKED_XHR = { outcome: 'blocked', error: 'XMLHttpRequest error (status 0)' };

/**
 * The library as real headless browsers (Chromium and Firefox) enforce it: the API on one
 * origin, the calling pages on others (another port, `localhost`, `*.app.test` names, a
 * sandboxed iframe). Every assertion is what the page's script could or could not read, and
 * holds in both engines. The API sends `ETag`s on both adapters (Express by default, Fastify
 * with `@fastify/etag`), so the browsers' HTTP caches revalidate with `If-None-Match`.
 */
describeEachEngine(ENGINES, 'browser: what %s lets pages read', (engine) => {
  const BLOCKED_FETCH = { outcome: 'blocked', error: engine.blockedFetch };
  let browser: TestBrowser;
  let pageServer: PageServer;
  let origins: ScenarioOrigins & { subdomain: string; deepSubdomain: string; apex: string; lookalike: string };
  const pages = new Map<string, TestPage>();

  /** One tab per page URL, opened on first use and reused by every later scenario. */
  async function pageAt(origin: string, path = '/'): Promise<TestPage> {
    const key = origin + path;
    let page = pages.get(key);
    if (page === undefined) {
      page = await browser.newPage();
      await page.goto(key);
      pages.set(key, page);
    }
    return page;
  }

  beforeAll(async () => {
    pageServer = await startPageServer();
    const o = (host: string) => pageServer.origin(host);
    origins = {
      app: o('127.0.0.1'),
      admin: o('localhost'),
      subdomains: `http://*.app.test:${pageServer.port}`,
      subdomain: o('shop.app.test'),
      deepSubdomain: o('eu.shop.app.test'),
      apex: o('app.test'),
      lookalike: o('evilapp.test'),
    };
    browser = await engine.launch();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await pageServer?.close();
  });

  describe.each(ADAPTERS)('%s', (_name, create) => {
    let api: RunningApp;
    let log: RequestLog;
    const url = (path: string) => api.url + path;

    beforeAll(async () => {
      api = await startApp(create, { imports: [ScenariosAppModule.forOrigins(origins)] }, withEtags);
      log = new RequestLog(api.app.getHttpServer());
      // Cookies ignore ports: start each adapter without the previous one's session.
      await browser.clearCookies();
    });
    afterAll(async () => {
      await api?.close();
    });

    describe('simple GET', () => {
      it('an allowed origin reads the body and the exposed header, not the others', async () => {
        const page = await pageAt(origins.app);
        for (const result of [await pageFetch(page, url('/simple?via=fetch')), await pageXhr(page, url('/simple?via=xhr'))]) {
          const ok = allowed(result);
          expect(ok.status).toBe(200);
          expect(JSON.parse(ok.body)).toEqual({ data: 'simple' });
          expect(ok.headers['x-request-id']).toBe('req-42');
          expect(ok.headers['content-type']).toMatch(/^application\/json/); // safelisted (B15)
          expect(ok.headers['x-internal']).toBeUndefined();
          expect(ok.headers['set-cookie']).toBeUndefined();
        }
        expect(log.preflights('/simple?via=fetch')).toBe(0);
      });

      it('a disallowed origin gets no data, although the server answered', async () => {
        const page = await pageAt(origins.admin);
        expect(await pageFetch(page, url('/simple?from=admin-fetch'))).toEqual(BLOCKED_FETCH);
        expect(await pageXhr(page, url('/simple?from=admin-xhr'))).toEqual(BLOCKED_XHR);
        expect(log.to('/simple?from=admin-fetch', 'GET')).toEqual([
          { method: 'GET', url: '/simple?from=admin-fetch', origin: origins.admin, cookie: undefined },
        ]);
      });
    });

    describe('preflighted requests (JSON body and a custom header)', () => {
      const write = (method: string, headers: Record<string, string> = { 'X-Trace': 't-1' }) => ({
        method,
        headers: { ...JSON_BODY, ...headers },
        body: '{"title":"new"}',
      });

      it('allowed: PUT and DELETE go through after one preflight each', async () => {
        const page = await pageAt(origins.app);
        const put = allowed(await pageFetch(page, url('/docs/1?case=put'), write('PUT')));
        expect([put.status, JSON.parse(put.body)]).toEqual([200, { put: true }]);
        const del = allowed(await pageXhr(page, url('/docs/1?case=delete'), write('DELETE')));
        expect([del.status, JSON.parse(del.body)]).toEqual([200, { deleted: true }]);
        expect(log.preflights('/docs/1?case=put')).toBe(1);
        expect(log.to('/docs/1?case=put', 'PUT')).toHaveLength(1);
      });

      it('blocked by origin: the actual request is never sent', async () => {
        const page = await pageAt(origins.admin);
        expect(await pageFetch(page, url('/docs/1?case=origin'), write('PUT'))).toEqual(BLOCKED_FETCH);
        expect(log.preflights('/docs/1?case=origin')).toBe(1);
        expect(log.to('/docs/1?case=origin', 'PUT')).toEqual([]);
      });

      it('blocked by method: PATCH is not in the policy methods', async () => {
        const page = await pageAt(origins.app);
        expect(await pageFetch(page, url('/docs/1?case=method'), write('PATCH'))).toEqual(BLOCKED_FETCH);
        expect(log.preflights('/docs/1?case=method')).toBe(1);
        expect(log.to('/docs/1?case=method', 'PATCH')).toEqual([]);
      });

      it('blocked by header: X-Other, or Authorization, is not in allowedHeaders', async () => {
        const page = await pageAt(origins.app);
        expect(await pageFetch(page, url('/docs/1?case=header'), write('PUT', { 'X-Other': '1' }))).toEqual(BLOCKED_FETCH);
        expect(await pageXhr(page, url('/docs/1?case=header-xhr'), write('PUT', { 'X-Other': '1' }))).toEqual(BLOCKED_XHR);
        expect(log.to('/docs/1?case=header', 'PUT')).toEqual([]);
        // Both engines let Authorization through under `Access-Control-Allow-Headers: *` (B2); the server refuses it.
        expect(await pageFetch(page, url('/docs/1?case=authorization'), write('PUT', { Authorization: 'Bearer x' }))).toEqual(BLOCKED_FETCH);
        expect(log.to('/docs/1?case=authorization', 'PUT')).toEqual([]);
      });

      it('methods are case-sensitive: PATCH passes, a script asking for "patch" is blocked (B9)', async () => {
        const page = await pageAt(origins.app);
        const upper = allowed(await pageFetch(page, url('/docs/1/title?case=upper'), write('PATCH')));
        expect([upper.status, JSON.parse(upper.body)]).toEqual([200, { retitled: true }]);
        // Fetch uppercases only DELETE, GET, HEAD, OPTIONS, POST and PUT: "patch" goes out as is.
        expect(await pageFetch(page, url('/docs/1/title?case=lower'), write('patch'))).toEqual(BLOCKED_FETCH);
        expect(log.to('/docs/1/title?case=lower')).toHaveLength(1);
      });
    });

    describe('credentials', () => {
      const include = { credentials: 'include' as const };

      beforeAll(async () => {
        const login = allowed(await pageFetch(await pageAt(origins.app), url('/session/login'), include));
        expect([login.status, JSON.parse(login.body)]).toEqual([200, { loggedIn: true }]);
      });

      it('the cookie the API set comes back, and a credentialed policy lets the page read the answer', async () => {
        const page = await pageAt(origins.app);
        const viaFetch = allowed(await pageFetch(page, url('/session/whoami?via=fetch'), include));
        expect(JSON.parse(viaFetch.body)).toEqual({ cookie: 'sid=browser-session' });
        const viaXhr = allowed(await pageXhr(page, url('/session/whoami?via=xhr'), include));
        expect(JSON.parse(viaXhr.body)).toEqual({ cookie: 'sid=browser-session' });
      });

      it('the same origin without credentials in its policy: the cookie is sent, the answer is unreadable', async () => {
        const page = await pageAt(origins.app);
        expect(await pageFetch(page, url('/session/whoami-without-credentials?mode=include'), include)).toEqual(BLOCKED_FETCH);
        expect(log.to('/session/whoami-without-credentials?mode=include')[0]?.cookie).toBe('sid=browser-session');
        const omitted = allowed(await pageFetch(page, url('/session/whoami-without-credentials?mode=omit'), { credentials: 'omit' }));
        expect(JSON.parse(omitted.body)).toEqual({ cookie: null });
      });

      it('another origin, even with credentials requested, reads nothing', async () => {
        const page = await pageAt(origins.admin);
        expect(await pageFetch(page, url('/session/whoami?from=admin'), include)).toEqual(BLOCKED_FETCH);
        expect(await pageXhr(page, url('/session/whoami?from=admin-xhr'), include)).toEqual(BLOCKED_XHR);
      });

      it("'*' never works with credentials, and works without them", async () => {
        const page = await pageAt(origins.app);
        expect(await pageFetch(page, url('/session/whoami-public?mode=include'), include)).toEqual(BLOCKED_FETCH);
        expect(await pageXhr(page, url('/session/whoami-public?mode=include-xhr'), include)).toEqual(BLOCKED_XHR);
        const omitted = allowed(await pageFetch(page, url('/session/whoami-public?mode=omit'), { credentials: 'omit' }));
        expect(JSON.parse(omitted.body)).toEqual({ cookie: null });
      });
    });

    it('one path, two policies: GET for the app, DELETE for the admin console only', async () => {
      const app = await pageAt(origins.app);
      const admin = await pageAt(origins.admin);
      expect(JSON.parse(allowed(await pageFetch(app, url('/items/1?who=app'))).body)).toEqual({ id: 1, name: 'lamp' });
      expect(await pageFetch(app, url('/items/1?who=app'), { method: 'DELETE' })).toEqual(BLOCKED_FETCH);
      expect(log.to('/items/1?who=app', 'DELETE')).toEqual([]);
      expect(await pageFetch(admin, url('/items/1?who=admin'))).toEqual(BLOCKED_FETCH);
      const deleted = allowed(await pageFetch(admin, url('/items/1?who=admin'), { method: 'DELETE', credentials: 'include' }));
      expect([deleted.status, JSON.parse(deleted.body)]).toEqual([200, { deleted: true }]);
    });

    it('an auth-guarded route: the preflight passes before the guard, and the 401 is readable', async () => {
      const page = await pageAt(origins.app);
      const denied = allowed(await pageFetch(page, url('/account/me?token=bad'), { headers: { Authorization: 'Bearer bad' } }));
      expect(denied.status).toBe(401);
      expect(JSON.parse(denied.body)).toEqual({ statusCode: 401, message: 'token required', error: 'Unauthorized' });
      expect(log.preflights('/account/me?token=bad')).toBe(1);
      const granted = allowed(await pageFetch(page, url('/account/me?token=good'), { headers: { Authorization: 'Bearer good' } }));
      expect([granted.status, JSON.parse(granted.body)]).toEqual([200, { user: 'ada' }]);
      expect(await pageFetch(await pageAt(origins.admin), url('/account/me?token=bad'), { headers: { Authorization: 'Bearer bad' } })).toEqual(
        BLOCKED_FETCH,
      );
    });

    it('a 500 from a handler is readable by the allowed page', async () => {
      const failed = allowed(await pageFetch(await pageAt(origins.app), url('/failing')));
      expect(failed.status).toBe(500);
      expect(JSON.parse(failed.body)).toEqual({ statusCode: 500, message: 'Internal server error' });
    });

    it('maxAge: a second identical request within max-age sends no preflight; maxAge 0 preflights every time', async () => {
      const page = await pageAt(origins.app);
      const put = { method: 'PUT', headers: JSON_BODY, body: '{}', cache: 'default' as const };
      // Firefox: a fresh profile does not store its first preflight results (see firefox-facts):
      // repeat one request until its preflight is reused (bounded; Chromium reuses it at once).
      for (let i = 0; i < 10 && log.to('/cached/warm-up', 'PUT').length <= log.preflights('/cached/warm-up'); i++) {
        expect(allowed(await pageFetch(page, url('/cached/warm-up'), put)).status).toBe(200);
      }
      expect(log.to('/cached/warm-up', 'PUT').length).toBeGreaterThan(log.preflights('/cached/warm-up'));
      for (let i = 0; i < 2; i++) {
        expect(allowed(await pageFetch(page, url('/cached/1'), put)).status).toBe(200);
        expect(allowed(await pageFetch(page, url('/uncached/1'), put)).status).toBe(200);
      }
      expect([log.preflights('/cached/1'), log.to('/cached/1', 'PUT').length]).toEqual([1, 2]);
      expect([log.preflights('/uncached/1'), log.to('/uncached/1', 'PUT').length]).toEqual([2, 2]);
    });

    it('Origin: null from a sandboxed iframe is refused (only a public "*" route answers it)', async () => {
      const frame = await (await pageAt(origins.app, '/sandboxed')).frame('sandboxed');
      expect(await pageFetch(frame, url('/simple?from=sandbox'))).toEqual(BLOCKED_FETCH);
      expect(log.to('/simple?from=sandbox')[0]?.origin).toBe('null'); // B13
      expect(await pageFetch(frame, url('/docs/1?from=sandbox'), { method: 'PUT', headers: JSON_BODY, body: '{}' })).toEqual(BLOCKED_FETCH);
      expect(log.to('/docs/1?from=sandbox', 'PUT')).toEqual([]);
      expect(JSON.parse(allowed(await pageFetch(frame, url('/session/whoami-public?from=sandbox'))).body)).toEqual({ cookie: null });
    });

    it('@Cors(false): blocked for every page', async () => {
      expect(await pageFetch(await pageAt(origins.app), url('/closed?from=app'))).toEqual(BLOCKED_FETCH);
      expect(await pageFetch(await pageAt(origins.app), url('/closed?from=app-put'), { method: 'PUT', headers: JSON_BODY, body: '{}' })).toEqual(
        BLOCKED_FETCH,
      );
      expect(log.to('/closed?from=app', 'GET')).toHaveLength(1);
    });

    it('allowOrigin / revokeOrigin at runtime change what the browser allows, without a restart, even from its HTTP cache', async () => {
      const page = await pageAt(origins.admin);
      const cors = api.app.get(CorsPolicyService);
      // The default cache mode: the browser stores each answer (it has an ETag) and revalidates it with If-None-Match.
      const cached = { cache: 'default' as const };
      expect(await pageFetch(page, url('/runtime?step=before'), cached)).toEqual(BLOCKED_FETCH);
      await cors.allowOrigin(origins.admin, 'runtime');
      for (let i = 0; i < 2; i++) {
        const ok = allowed(await pageFetch(page, url('/runtime'), cached));
        expect([ok.status, JSON.parse(ok.body)]).toEqual([200, { runtime: true }]);
      }
      expect(await cors.revokeOrigin(origins.admin, 'runtime')).toBe(true);
      // A 304 would let the browser keep the stored Access-Control-Allow-Origin: the refusal must reach the page.
      expect(await pageFetch(page, url('/runtime'), cached)).toEqual(BLOCKED_FETCH);
      const sent = log.to('/runtime', 'GET').map((r) => (r.ifNoneMatch === undefined ? 'unconditional' : 'revalidation'));
      expect(sent).toEqual(['unconditional', 'revalidation', 'revalidation']);
    });

    it('a subdomain pattern: any depth of *.app.test, never the apex or a look-alike', async () => {
      for (const origin of [origins.subdomain, origins.deepSubdomain]) {
        const ok = allowed(await pageFetch(await pageAt(origin), url('/widgets')));
        expect(JSON.parse(ok.body)).toEqual({ widget: 'clock' });
      }
      for (const origin of [origins.apex, origins.lookalike, origins.app]) {
        expect(await pageFetch(await pageAt(origin), url('/widgets'))).toEqual(BLOCKED_FETCH);
      }
      expect(log.to('/widgets').map((r) => r.origin)).toEqual([
        origins.subdomain, origins.deepSubdomain, origins.apex, origins.lookalike, origins.app,
      ]);
    });
  });
});
