import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { startFactoryApp } from '../e2e/path-policies/support.js';
import { ADAPTERS, RunningApp } from '../e2e/utils/adapters.js';
import { ASSETS_DIR, pathPoliciesAppModule, SESSION_COOKIE } from './path-policies-app.module.js';
import { BrowserOutcome, PageRequest, pageFetch } from './support/browser-requests.js';
import { describeEachEngine, TestBrowser, TestPage } from './support/engine.js';
import { ENGINES } from './support/engines.js';
import { PageServer, startPageServer } from './support/page-server.js';
import { RequestLog } from './support/request-log.js';

/** Narrows an outcome to "allowed" for the assertions that follow. */
function allowed(result: BrowserOutcome): Extract<BrowserOutcome, { outcome: 'allowed' }> {
  expect(result).toMatchObject({ outcome: 'allowed' });
  return result as Extract<BrowserOutcome, { outcome: 'allowed' }>;
}

/** A GraphQL query as a web app sends it: JSON, so the browser preflights it. */
function graphql(query: string, credentials: PageRequest['credentials'] = 'include'): PageRequest {
  return { method: 'POST', credentials, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) };
}

const CATALOG = JSON.parse(readFileSync(`${ASSETS_DIR}/catalog.json`, 'utf8')) as unknown;

/**
 * Endpoints that are not controller routes, given CORS by `paths`, as real browsers enforce it:
 * Apollo at /graphql under the credentialed named policy "web", ServeStaticModule's files at
 * /assets/* with `origin: '*'`. The API runs on `127.0.0.1:<port>`; the allowed page on
 * `127.0.0.1:<another port>` (another origin of the same site, so the API's ordinary `SameSite=Lax`
 * cookie is sent back on its cross-origin requests), the refused page on `localhost:<that port>`.
 */
describeEachEngine(ENGINES, 'browser: paths (GraphQL, static files) in %s', (engine) => {
  const BLOCKED_FETCH = { outcome: 'blocked', error: engine.blockedFetch };
  let browser: TestBrowser;
  let pageServer: PageServer;
  let web: string;
  let refused: string;
  const pages = new Map<string, TestPage>();

  /** One tab per origin, opened on first use. */
  async function pageAt(origin: string): Promise<TestPage> {
    let page = pages.get(origin);
    if (page === undefined) {
      page = await browser.newPage();
      await page.goto(`${origin}/`);
      pages.set(origin, page);
    }
    return page;
  }

  beforeAll(async () => {
    pageServer = await startPageServer();
    web = pageServer.origin('127.0.0.1');
    refused = pageServer.origin('localhost');
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
      // NestFactory.create, as an app's main.ts: a testing module gives serve-static its no-op loader.
      api = await startFactoryApp(create, pathPoliciesAppModule(web));
      log = new RequestLog(api.app.getHttpServer());
      // Cookies ignore ports: start each adapter without the previous one's session.
      await browser.clearCookies();
    }, 30_000);
    afterAll(async () => {
      await api?.close();
    });

    describe('GraphQL (Apollo) at /graphql: paths entry "web", credentials', () => {
      it('the allowed page signs in, then its credentialed query passes the preflight, and the cookie reaches the resolver', async () => {
        const page = await pageAt(web);
        const signIn = allowed(await pageFetch(page, url('/session'), { method: 'POST', credentials: 'include' }));
        expect([signIn.status, JSON.parse(signIn.body)]).toEqual([200, { signedIn: true }]);
        expect(signIn.headers['set-cookie']).toBeUndefined();

        const query = allowed(await pageFetch(page, url('/graphql?case=me'), graphql('{ me items { sku } }')));
        expect(query.status).toBe(200);
        expect(JSON.parse(query.body)).toEqual({ data: { me: SESSION_COOKIE, items: [{ sku: 'lamp-1' }, { sku: 'desk-2' }] } });
        // One preflight (answered by the library, 204), then Apollo's answer to the POST, which carried the cookie.
        expect(log.answersTo('/graphql?case=me')).toEqual([
          { method: 'OPTIONS', url: '/graphql?case=me', origin: web, status: 204 },
          { method: 'POST', url: '/graphql?case=me', origin: web, status: 200 },
        ]);
        expect(log.to('/graphql?case=me', 'OPTIONS')[0]!.cookie).toBeUndefined();
        expect(log.to('/graphql?case=me', 'POST')[0]!.cookie).toBe(SESSION_COOKIE);
      });

      it("Apollo's own error (a validation error, 400) is readable by the allowed page", async () => {
        const page = await pageAt(web);
        const invalid = allowed(await pageFetch(page, url('/graphql?case=invalid'), graphql('{ nope }')));
        expect(invalid.status).toBe(400);
        const body = JSON.parse(invalid.body) as { errors: Array<{ message: string }> };
        expect(body.errors.map((error) => error.message)).toEqual(['Cannot query field "nope" on type "Query".']);
      });

      it('a page on a refused origin cannot read it: fetch rejects with a TypeError, the preflight got 403 and the query was never sent', async () => {
        const page = await pageAt(refused);
        const result = await pageFetch(page, url('/graphql?case=refused'), graphql('{ me items { sku } }'));
        expect(result).toEqual(BLOCKED_FETCH);
        expect(engine.blockedFetch.startsWith('TypeError')).toBe(true);
        expect(log.answersTo('/graphql?case=refused')).toEqual([{ method: 'OPTIONS', url: '/graphql?case=refused', origin: refused, status: 403 }]);
        expect(log.to('/graphql?case=refused', 'POST')).toEqual([]);
      });
    });

    describe("static files (ServeStaticModule) at /assets/*: paths entry { origin: '*' }", () => {
      it('a JSON file is readable from either page, with no preflight', async () => {
        for (const origin of [web, refused]) {
          const file = allowed(await pageFetch(await pageAt(origin), url(`/assets/catalog.json?from=${encodeURIComponent(origin)}`)));
          expect(file.status).toBe(200);
          expect(JSON.parse(file.body)).toEqual(CATALOG);
          expect(file.headers['content-type']).toMatch(/^application\/json/);
        }
        expect(log.preflights(`/assets/catalog.json?from=${encodeURIComponent(web)}`)).toBe(0);
      });

      it("serve-static's 404 for a missing file is readable too", async () => {
        const missing = allowed(await pageFetch(await pageAt(refused), url('/assets/missing.json')));
        expect(missing.status).toBe(404);
      });

      it("'*' is never enough with credentials: the same file fetched with credentials: 'include' is blocked", async () => {
        const page = await pageAt(web);
        expect(await pageFetch(page, url('/assets/catalog.json?case=credentials'), { credentials: 'include' })).toEqual(BLOCKED_FETCH);
        expect(log.answersTo('/assets/catalog.json?case=credentials')).toEqual([
          { method: 'GET', url: '/assets/catalog.json?case=credentials', origin: web, status: 200 },
        ]);
      });
    });
  });
});
