import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { CorsPolicyService } from 'nestjs-cors';
import { AppModule } from '../../sample/app.module.js';
import { Playground, startPlayground } from '../../sample/playground/playground-server.js';
import { ADAPTERS, RunningApp, startApp } from '../e2e/utils/adapters.js';
import { Browser, describeWithBrowser, launchChromium } from './support/chromium.js';

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
};

/** The results table as the page shows it: outcome, status and the server's log, per scenario. */
function readTable(page: Page) {
  return page.$$eval('#results tbody tr', (rows) =>
    rows.map((row) => ({
      id: (row as HTMLElementLike).dataset.scenario!,
      verdict: `${(row as HTMLElementLike).dataset.outcome} ${(row as HTMLElementLike).dataset.status}`.trim(),
      browser: row.querySelector('.verdict-cell')!.textContent!,
      status: row.querySelector('.status')!.textContent!,
      server: [...row.querySelectorAll('.server .exchange')].map((exchange) =>
        [...exchange.querySelectorAll('div')].map((line) => line.textContent!),
      ),
    })),
  );
}
/** The slice of HTMLElement the table reader uses (the project compiles without the DOM lib). */
interface HTMLElementLike {
  dataset: Record<string, string | undefined>;
}

async function runAll(page: Page): Promise<void> {
  await page.click('#run-all');
  await page.waitForSelector('#results[data-state="done"]');
}

/**
 * The playground page of the sample (`npm start`), driven like a user would: "Run all", read
 * the table, allow and revoke a runtime origin. The page runs on `localhost`, the API on
 * `127.0.0.1`: two origins, so every row is the browser's own CORS verdict.
 */
describeWithBrowser('browser: the sample playground page', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.context.newPage();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });

  describe.each(ADAPTERS)('%s', (name, create) => {
    let api: RunningApp;
    let playground: Playground;

    beforeAll(async () => {
      api = await startApp(create, AppModule);
      playground = await startPlayground(api.app, { apiUrl: api.url, port: 0 });
      await page.goto(playground.url);
      await page.waitForSelector('body[data-ready="true"]');
      // Bounded, not timed: starting an app and a first page load can take long on 2 busy cores in CI.
    }, 60_000);
    afterAll(async () => {
      // The page first, so nothing it started is still in flight; then both servers, at once.
      await page?.goto('about:blank', { timeout: 5_000 });
      await playground?.close();
      await api?.close();
    });

    it('"Run all" shows what the browser allowed and blocked, with the headers the API sent', async () => {
      await runAll(page);
      const table = await readTable(page);
      expect(Object.fromEntries(table.map((row) => [row.id, row.verdict]))).toEqual(EXPECTED);
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
      for (const id of ['catalog-put-header', 'catalog-delete', 'admin-origins']) {
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
    });

    it('a runtime origin added on the page opens the "partners" policy, and revoking it closes it again', async () => {
      const origin = playground.url;
      await page.selectOption('#runtime-policy', 'partners');
      expect(await page.inputValue('#runtime-origin')).toBe(origin);
      await page.click('#allow-origin');
      await page.waitForSelector(`#runtime-state:text("runtime origins: partners: ${origin}")`);
      await runAll(page);
      const opened = Object.fromEntries((await readTable(page)).map((row) => [row.id, row.verdict]));
      expect(opened).toEqual({ ...EXPECTED, 'partners-feed': 'allowed 200' });

      if (name === 'express' && (!existsSync(SCREENSHOT) || process.env.UPDATE_SCREENSHOT === '1')) {
        mkdirSync(new URL('.', SCREENSHOT), { recursive: true });
        writeFileSync(SCREENSHOT, await page.screenshot({ fullPage: true }));
      }

      // Another site open in the same browser cannot add an origin: a cross-site form-like POST is refused.
      const other = await browser.context.newPage();
      await other.goto(playground.url.replace('localhost', '127.0.0.1'));
      await other.evaluate(async (target) => {
        const body = JSON.stringify({ action: 'allow', origin: 'https://evil.example', policy: 'partners' });
        await fetch(target, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body });
      }, `${playground.url}/api/runtime-origins`);
      await other.close();
      expect(api.app.get(CorsPolicyService).getRuntimeOrigins('partners')).toEqual([origin]);

      await page.click('#revoke-origin');
      await page.waitForSelector('#runtime-state:text("no runtime origins")');
      await page.click('tr[data-scenario="partners-feed"] button');
      await page.waitForSelector('tr[data-scenario="partners-feed"][data-outcome="blocked"]');
    });
  });
});
