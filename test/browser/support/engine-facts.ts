import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { pageFetch } from './browser-requests.js';
import { describeEachEngine, Engine, TestBrowser, TestPage } from './engine.js';
import { FactServer, startFactServer } from './fact-server.js';
import { PageServer, startPageServer } from './page-server.js';

/** A preflighted request: PUT with a JSON body. */
export const PUT = { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' };

/** What an engine's own facts get: the running browser, the fact server and the page on `localhost`. */
export interface FactContext {
  readonly browser: TestBrowser;
  readonly facts: FactServer;
  readonly page: TestPage;
  /** `{ outcome: 'blocked', error }` as this engine words a blocked fetch. */
  readonly blocked: { outcome: 'blocked'; error: string };
}

/**
 * The browser facts the library's design relies on (B2-B6, B8, B9, B11, B13, B15, B16 of the
 * CORS protocol reference, and how the HTTP and preflight caches key and revalidate), checked
 * in one engine against a bare Node server that sends hand-written headers, not the library.
 * They hold in Chromium and Firefox alike; `specific` adds the facts where the engines differ.
 */
export function describeEngineFacts(engine: Engine, specific: (context: () => FactContext) => void): void {
  describeEachEngine([engine], 'browser: %s facts the library relies on', () => {
    const blocked = { outcome: 'blocked' as const, error: engine.blockedFetch };
    let browser: TestBrowser;
    let pageServer: PageServer;
    let facts: FactServer;
    let page: TestPage;
    let shop: TestPage;
    let other: TestPage;
    let api: string;
    const methodsTo = (url: string) => facts.to(url).map((r) => r.method);
    // The engine's own facts first: Firefox's B14 starts from a fresh profile's preflight cache.
    specific(() => ({ browser, facts, page, blocked }));

    beforeAll(async () => {
      facts = await startFactServer();
      api = facts.url;
      pageServer = await startPageServer();
      browser = await engine.launch();
      page = await browser.newPage();
      await page.goto(pageServer.origin('localhost'));
      // Two origins of one site: the HTTP cache is partitioned by top-level site, so only they share stored responses.
      shop = await browser.newPage();
      await shop.goto(pageServer.origin('shop.app.test'));
      other = await browser.newPage();
      await other.goto(pageServer.origin('eu.shop.app.test'));
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      await pageServer?.close();
      await facts?.close();
    });

    it('B2: Access-Control-Allow-Headers: * lets Authorization through (so the server must refuse it itself)', async () => {
      expect(await pageFetch(page, `${api}/acah-star`, { headers: { Authorization: 'Bearer x' } })).toMatchObject({ outcome: 'allowed', body: 'read' });
      expect(methodsTo('/acah-star')).toEqual(['OPTIONS', 'GET']);
    });

    it('B9: Access-Control-Allow-Methods is compared exactly: PATCH allows "PATCH", not "patch"', async () => {
      expect(await pageFetch(page, `${api}/acam-patch?m=upper`, { method: 'PATCH' })).toMatchObject({ outcome: 'allowed' });
      expect(await pageFetch(page, `${api}/acam-patch?m=lower`, { method: 'patch' })).toEqual(blocked);
      expect(methodsTo('/acam-patch?m=lower')).toEqual(['OPTIONS']);
    });

    it('B3: Access-Control-Allow-Origin: * with credentials is blocked, even with Allow-Credentials: true', async () => {
      expect(await pageFetch(page, `${api}/star-credentials`, { credentials: 'include' })).toEqual(blocked);
      expect(await pageFetch(page, `${api}/star-credentials?c=omit`, { credentials: 'omit' })).toMatchObject({ outcome: 'allowed' });
    });

    it('B4, B5, B6: Allow-Credentials "True", two identical Allow-Origin lines, an Allow-Origin with a trailing slash: blocked', async () => {
      expect(await pageFetch(page, `${api}/acac-capitalised`, { credentials: 'include' })).toEqual(blocked);
      expect(await pageFetch(page, `${api}/two-acao`)).toEqual(blocked);
      expect(await pageFetch(page, `${api}/acao-trailing-slash`)).toEqual(blocked);
    });

    it('B13: a sandboxed iframe sends Origin: null', async () => {
      const sandboxed = await browser.newPage();
      await sandboxed.goto(pageServer.origin('localhost') + '/sandboxed');
      expect(await pageFetch(await sandboxed.frame('sandboxed'), `${api}/any?from=sandbox`)).toMatchObject({ outcome: 'allowed' });
      expect(facts.to('/any?from=sandbox')[0]?.origin).toBe('null');
      await sandboxed.close();
    });

    it('B8: a preflight answered with a redirect fails, and the actual request is never sent', async () => {
      expect(await pageFetch(page, `${api}/preflight-redirect`, { method: 'PUT' })).toEqual(blocked);
      expect(methodsTo('/preflight-redirect')).toEqual(['OPTIONS']);
    });

    it(`B11: ${engine.label} sends Access-Control-Request-Headers lowercase, sorted, comma-joined without spaces`, async () => {
      await pageFetch(page, `${api}/acah-star?shape`, { headers: { 'X-Zeta': '1', 'Content-Type': 'application/json', 'X-Alpha': '1' } });
      expect(facts.to('/acah-star?shape', 'OPTIONS')[0]?.requestHeaders).toBe('content-type,x-alpha,x-zeta');
    });

    it('B15: Set-Cookie is never readable, even when listed in Access-Control-Expose-Headers', async () => {
      const result = await pageFetch(page, `${api}/expose-set-cookie`);
      expect(result).toMatchObject({ outcome: 'allowed' });
      const headers = (result as { headers: Record<string, string> }).headers;
      expect([headers['set-cookie'], headers['x-shown'], headers['x-hidden']]).toEqual([undefined, '1', undefined]);
    });

    it('B16: a redirect without Access-Control-Allow-Origin is not followed', async () => {
      expect(await pageFetch(page, `${api}/redirect`)).toEqual(blocked);
      expect(facts.to('/any')).toEqual([]);
    });

    it('the preflight cache keeps credentials modes apart: a preflight cached without credentials is not reused with them', async () => {
      for (const credentials of ['omit', 'omit', 'include', 'include', 'omit'] as const) {
        expect(await pageFetch(page, `${api}/cached-credentials`, { ...PUT, cache: 'default', credentials })).toMatchObject({ outcome: 'allowed' });
      }
      // Firefox: after its B14, so its preflight cache is past a fresh profile's first results.
      expect(methodsTo('/cached-credentials')).toEqual(['OPTIONS', 'PUT', 'PUT', 'OPTIONS', 'PUT', 'PUT', 'PUT']);
    });

    it('Vary: Origin keeps stored responses apart per origin; without it, another origin of the site gets the first one (blocked)', async () => {
      const read = (where: TestPage, path: string) => pageFetch(where, `${api}${path}`, { cache: 'default' });
      const [first, second] = [pageServer.origin('shop.app.test'), pageServer.origin('eu.shop.app.test')];
      expect(await read(shop, '/vary-origin')).toMatchObject({ outcome: 'allowed', body: `read by ${first}` });
      expect(await read(other, '/vary-origin')).toMatchObject({ outcome: 'allowed', body: `read by ${second}` });
      expect(await read(shop, '/vary-origin')).toMatchObject({ outcome: 'allowed', body: `read by ${first}` });
      // One stored variant per URL: the other origin's request replaced it, so the first origin's goes out again.
      expect(facts.to('/vary-origin').map((r) => r.origin)).toEqual([first, second, first]);

      expect(await read(shop, '/no-vary')).toMatchObject({ outcome: 'allowed', body: `read by ${first}` });
      expect(await read(other, '/no-vary')).toEqual(blocked);
      expect(facts.to('/no-vary')).toHaveLength(1);
    });

    it('a 304 keeps the stored Access-Control-Allow-Origin: a server that refuses must not answer 304 (issue 14)', async () => {
      const read = () => pageFetch(page, `${api}/revalidate`, { cache: 'default' });
      expect(await read()).toMatchObject({ outcome: 'allowed', status: 200, body: 'read' });
      facts.revalidateAllows = false;
      // The server sends 304 without any Access-Control-*; the page still reads the stored 200.
      expect(await read()).toMatchObject({ outcome: 'allowed', status: 200, body: 'read' });
      expect(facts.to('/revalidate').map((r) => r.ifNoneMatch)).toEqual([undefined, '"v1"']);
    });

  });
}
