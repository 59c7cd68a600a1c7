import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { CorsPolicyService } from 'nestjs-cors';
import { CorsIoAdapter } from 'nestjs-cors/socket.io';
import { AppModule } from '../../sample/app.module.js';
import { Playground, startPlayground } from '../../sample/playground/playground-server.js';
import { withDeadline } from '../../sample/shutdown/close-server.js';
import { startFactoryApp } from '../e2e/path-policies/support.js';
import { ADAPTERS, RunningApp } from '../e2e/utils/adapters.js';
import { describeEachEngine, TestBrowser, TestPage } from './support/engine.js';
import { ENGINES } from './support/engines.js';

/** docs/playground.png, shown in the README. Rewritten when missing or with UPDATE_SCREENSHOT=1. */
const SCREENSHOT = new URL('../../docs/playground.png', import.meta.url);

/** What a page on http://localhost:<port> may read from the sample API, scenario by scenario. */
const EXPECTED: Record<string, string> = {
  'catalog-get': 'allowed 200',
  'catalog-put': 'allowed 200',
  'catalog-put-header': 'blocked',
  'catalog-delete': 'blocked',
  'catalog-credentials': 'blocked',
  'partners-feed': 'blocked',
  widgets: 'blocked',
  storefront: 'blocked',
  health: 'blocked',
  'admin-origins': 'blocked',
  'graphql-sign-in': 'allowed 200',
  'graphql-me': 'allowed 200',
  'graphql-other-origin': 'blocked',
  'assets-json': 'allowed 200',
  'live-websocket': 'allowed connected',
  'live-polling': 'allowed connected',
  'live-other-origin': 'blocked',
};

/**
 * Why each blocked row was blocked, as the page shows it from CorsModule's decision events: the
 * refusal (kind, policy, endpoint, words, reason code), or an answer allowed without credentials
 * to a request sent with them.
 */
const WHY: Record<string, string> = {
  'catalog-put-header':
    'why: preflight refused by the module defaults on PUT /catalog/:id (CatalogController.update): header "x-debug" is not in allowedHeaders [content-type, x-request-id] [header-not-allowed]',
  'catalog-delete':
    'why: preflight refused by inline options on DELETE /catalog/:id (CatalogController.remove): origin not allowed by @Cors() on CatalogController.remove [origin-not-allowed]',
  'catalog-credentials':
    'why: actual allowed by the module defaults on GET /catalog (CatalogController.list), without credentials: the browser hides the answer from a request sent with credentials',
  'partners-feed': 'why: actual refused by policy "partners" on GET /partners/feed (PartnersController.feed): origin not allowed by policy "partners" [origin-not-allowed]',
  widgets: 'why: actual refused by inline options on GET /widgets (WidgetsController.list): origin not allowed by @Cors() on WidgetsController [origin-not-allowed]',
  storefront: 'why: actual refused by policy "tenants" on GET /storefront/config (TenantsController.config): origin not allowed by policy "tenants" [origin-not-allowed]',
  health: 'why: actual refused by no policy on GET /health (HealthController.check): CORS is disabled on this route [cors-disabled]',
  'admin-origins':
    'why: preflight refused by inline options on POST /admin/cors/origins (OriginsController.allow): origin not allowed by @Cors() on OriginsController [origin-not-allowed]',
  'graphql-other-origin': "why: preflight refused by policy \"web\" on paths['/graphql']: origin not allowed by policy \"web\" [origin-not-allowed]",
  'live-other-origin': 'why: handshake refused by policy "web" on LiveGateway: origin not allowed by policy "web" [origin-not-allowed]',
};

/** The slice of the DOM the page scripts below use (the project compiles without the DOM lib). */
interface ElementLike {
  dataset: Record<string, string | undefined>;
  textContent: string | null;
  value: string;
  querySelector(selector: string): ElementLike | null;
  querySelectorAll(selector: string): Iterable<ElementLike>;
  click(): void;
  dispatchEvent(event: unknown): boolean;
}
declare const document: { querySelector(selector: string): ElementLike | null; querySelectorAll(selector: string): Iterable<ElementLike> };
declare const Event: new (type: string) => unknown;

/** The results table as the page shows it: outcome, status and the server's log, per scenario. */
function readTable(page: TestPage) {
  return page.evaluate(
    () =>
      [...document.querySelectorAll('#results tbody tr')].map((row) => ({
        id: row.dataset.scenario!,
        verdict: `${row.dataset.outcome} ${row.dataset.status}`.trim(),
        browser: row.querySelector('.verdict-cell')!.textContent!,
        body: row.querySelector('.verdict-cell .body')?.textContent ?? null,
        why: row.querySelector('.verdict-cell .why')?.textContent ?? null,
        status: row.querySelector('.status')!.textContent!,
        server: [...row.querySelectorAll('.server .exchange')].map((exchange) =>
          [...exchange.querySelectorAll('div')].map((line) => line.textContent!),
        ),
      })),
    undefined,
  );
}

/** Clicks the element, as a user would. */
function click(page: TestPage, selector: string): Promise<void> {
  return page.evaluate((selector) => document.querySelector(selector)!.click(), selector);
}

/** Waits until the element exists and, if given, its text is exactly `text`. */
function waitFor(page: TestPage, selector: string, text?: string): Promise<void> {
  return page.waitFor(
    ({ selector, text }) => {
      const element = document.querySelector(selector);
      return element !== null && (text === undefined || element.textContent === text);
    },
    { selector, text },
  );
}

async function runAll(page: TestPage): Promise<void> {
  await click(page, '#run-all');
  await waitFor(page, '#results[data-state="done"]');
}

/**
 * The playground page of the sample (`npm start`), driven like a user would: "Run all", read
 * the table, allow and revoke a runtime origin. The page runs on `localhost`, the API on
 * `127.0.0.1`: two origins, so every row is the browser's own CORS verdict.
 */
describeEachEngine(ENGINES, 'browser: the sample playground page in %s', (engine) => {
  let browser: TestBrowser;
  let page: TestPage;

  beforeAll(async () => {
    browser = await engine.launch();
    page = await browser.newPage();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  describe.each(ADAPTERS)('%s', (name, create) => {
    let api: RunningApp;
    let playground: Playground;

    beforeAll(async () => {
      // NestFactory.create, as sample/main.ts (in a testing module ServeStaticModule serves nothing),
      // with its WebSocket adapter.
      api = await startFactoryApp(create, AppModule, (app) => void app.useWebSocketAdapter(new CorsIoAdapter(app)));
      // Cookies ignore ports: the previous adapter's sign-in cookie would reach this API's credentialed rows.
      await browser.clearCookies();
      playground = await startPlayground(api.app, { apiUrl: api.url, port: 0 });
      await page.goto(playground.url);
      await waitFor(page, 'body[data-ready="true"]');
      // Bounded, not timed: starting an app and a first page load can take long on 2 busy cores in CI.
    }, 60_000);
    afterAll(async () => {
      // The page first, so nothing it started is still in flight; then both servers, at once.
      if (page) await withDeadline('leaving the playground page', page.goto('about:blank'), 5_000);
      await playground?.close();
      await api?.close();
    });

    it('"Run all" shows what the browser allowed and blocked, why, and the headers the API sent', async () => {
      await runAll(page);
      const table = await readTable(page);
      expect(Object.fromEntries(table.map((row) => [row.id, row.verdict]))).toEqual(EXPECTED);
      // Every blocked row says why, from the decision events; allowed rows say nothing.
      expect(Object.fromEntries(table.filter((row) => row.why !== null).map((row) => [row.id, row.why]))).toEqual(WHY);
      const row = (id: string) => table.find((r) => r.id === id)!;
      const origin = playground.url;

      expect(row('catalog-get').server).toEqual([
        ['GET → 200', `› origin: ${origin}`, `access-control-allow-origin: ${origin}`, 'access-control-expose-headers: X-Request-Id', 'vary: Origin'],
      ]);
      expect(row('catalog-put').server.map((exchange) => exchange[0])).toEqual(['OPTIONS → 204', 'PUT → 200']);
      expect(row('catalog-put').server[0]).toEqual([
        'OPTIONS → 204',
        `› origin: ${origin}`,
        '› access-control-request-method: PUT',
        '› access-control-request-headers: content-type,x-request-id',
        'access-control-allow-headers: content-type, x-request-id',
        'access-control-allow-methods: PUT',
        `access-control-allow-origin: ${origin}`,
        'access-control-max-age: 600',
        'vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
      ]);
      // Refused preflights: 403, no Access-Control-* at all, and the status is hidden from the page.
      for (const id of ['catalog-put-header', 'catalog-delete', 'admin-origins', 'graphql-other-origin']) {
        const exchanges = row(id).server;
        expect(exchanges).toHaveLength(1);
        expect(exchanges[0]![0]).toBe('OPTIONS → 403');
        expect(exchanges[0]!.filter((line) => line.startsWith('access-control-'))).toEqual([]);
        expect(row(id).status).toBe('(403 hidden)');
      }
      // Allowed without credentials: the browser hides an answer the script asked cookies for.
      expect(row('catalog-credentials').server[0]).toEqual([
        'GET → 200', `› origin: ${origin}`, `access-control-allow-origin: ${origin}`, 'access-control-expose-headers: X-Request-Id', 'vary: Origin',
      ]);
      expect(row('health').server).toEqual([['GET → 200', `› origin: ${origin}`, '(no Access-Control-* or Vary header)']]);
      expect(row('partners-feed').server).toEqual([['GET → 200', `› origin: ${origin}`, 'vary: Origin']]);

      // Apollo at /graphql through paths: policy "web", credentials. The preflight is the library's,
      // the POST Apollo's; the cookie the sign-in row set comes back and the resolver reads it.
      const graphqlPreflight = (from: string) => [
        `› origin: ${from}`,
        '› access-control-request-method: POST',
        '› access-control-request-headers: content-type',
      ];
      expect(row('graphql-me').server).toEqual([
        [
          'OPTIONS → 204',
          ...graphqlPreflight(origin),
          'access-control-allow-credentials: true',
          'access-control-allow-headers: content-type',
          'access-control-allow-methods: POST',
          `access-control-allow-origin: ${origin}`,
          'access-control-max-age: 600',
          'vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
        ],
        [
          'POST → 200',
          `› origin: ${origin}`,
          '› cookie: (present)',
          'access-control-allow-credentials: true',
          `access-control-allow-origin: ${origin}`,
          'access-control-expose-headers: X-Request-Id',
          'vary: Origin',
        ],
      ]);
      expect(row('graphql-me').body).toBe('body: {"data":{"me":"playground","widgets":[{"name":"clock"},{"name":"weather"}]}}');
      expect(row('graphql-sign-in').body).toBe('body: {"data":{"signIn":"playground"}}');
      // The same query from the frame on 127.0.0.1: refused before Apollo, never sent.
      expect(row('graphql-other-origin').server).toEqual([
        ['OPTIONS → 403', ...graphqlPreflight(origin.replace('localhost', '127.0.0.1')), 'vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers'],
      ]);
      // ServeStaticModule's file through paths['/assets/*'] = { origin: '*' }: no credentials, no Vary.
      expect(row('assets-json').server).toEqual([
        ['GET → 200', `› origin: ${origin}`, 'access-control-allow-origin: *', 'access-control-expose-headers: X-Request-Id'],
      ]);
      expect(row('assets-json').body).toBe(
        'body: { "widgets": [ { "id": "1", "name": "clock", "size": "small" }, { "id": "2", "name": "weather", "size": "large" } ] }',
      );

      // The gateway: the upgrade's Origin checked (101, no CORS headers: browsers apply none to
      // WebSockets), and the browser sent the cookie the sign-in row set, as it does with every
      // WebSocket handshake (why the Origin check matters); long-polling's handshake gets the
      // policy's CORS headers, credentials included.
      expect(row('live-websocket').server[0]).toEqual(['GET (upgrade) → 101', `› origin: ${origin}`, '› cookie: (present)', '(no Access-Control-* or Vary header)']);
      expect(row('live-websocket').body).toBe('body: pong "playground"');
      expect(row('live-polling').server[0]).toEqual([
        'GET → 200', `› origin: ${origin}`, '› cookie: (present)', 'access-control-allow-credentials: true', `access-control-allow-origin: ${origin}`,
        // The gateway's policy exposes X-Request-Id: polling responses carry it, as the HTTP routes' responses do.
        'access-control-expose-headers: X-Request-Id', 'vary: Origin',
      ]);
      // The same gateway from the frame on 127.0.0.1: its browser sends the user's cookie too (a
      // cross-site WebSocket hijacking attempt); the upgrade is refused, nothing reaches the gateway.
      expect(row('live-other-origin').server).toEqual([
        ['GET (upgrade) → 403', `› origin: ${origin.replace('localhost', '127.0.0.1')}`, '› cookie: (present)', '(no Access-Control-* or Vary header)'],
      ]);
    });

    it('a runtime origin added on the page opens the "partners" policy, and revoking it closes it again', async () => {
      const origin = playground.url;
      await page.evaluate((policy) => {
        const select = document.querySelector('#runtime-policy')!;
        select.value = policy;
        select.dispatchEvent(new Event('change'));
      }, 'partners');
      expect(await page.evaluate(() => document.querySelector('#runtime-origin')!.value, undefined)).toBe(origin);
      await click(page, '#allow-origin');
      await waitFor(page, '#runtime-state', `runtime origins: partners: ${origin}`);
      await runAll(page);
      const opened = Object.fromEntries((await readTable(page)).map((row) => [row.id, row.verdict]));
      expect(opened).toEqual({ ...EXPECTED, 'partners-feed': 'allowed 200' });

      // The README's picture is Chromium's.
      if (engine.name === 'chromium' && name === 'express' && (!existsSync(SCREENSHOT) || process.env.UPDATE_SCREENSHOT === '1')) {
        mkdirSync(new URL('.', SCREENSHOT), { recursive: true });
        writeFileSync(SCREENSHOT, await page.screenshot());
      }

      // Another site open in the same browser cannot add an origin: a cross-site form-like POST is refused.
      const other = await browser.newPage();
      await other.goto(playground.url.replace('localhost', '127.0.0.1'));
      await other.evaluate(async (target: string) => {
        const body = JSON.stringify({ action: 'allow', origin: 'https://evil.example', policy: 'partners' });
        await fetch(target, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body });
      }, `${playground.url}/api/runtime-origins`);
      await other.close();
      expect(api.app.get(CorsPolicyService).getRuntimeOrigins('partners')).toEqual([origin]);

      await click(page, '#revoke-origin');
      await waitFor(page, '#runtime-state', 'no runtime origins');
      await click(page, 'tr[data-scenario="partners-feed"] button');
      await waitFor(page, 'tr[data-scenario="partners-feed"][data-outcome="blocked"]');
    });
  });
});
