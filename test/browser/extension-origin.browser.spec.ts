import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Module, Put } from '@nestjs/common';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { IncomingMessage, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cors, CorsModule } from '../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../e2e/utils/adapters.js';
import { pageFetch } from './support/browser-requests.js';
import { CHROMIUM, launchChromium } from './support/chromium.js';
import { TestBrowser, TestPage, describeEachEngine } from './support/engine.js';

// The project type-checks without the DOM lib; the page script reads only this.
declare const location: { readonly origin: string };

const BLOCKED = { outcome: 'blocked', error: 'TypeError: Failed to fetch' };
/** Another extension's origin: listed on /other, so the loaded extension is refused there. */
const OTHER = 'chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba';

/** Writes a minimal Manifest V3 extension: a service worker (to learn the id) and a page to fetch from. */
function writeExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nestjs-cors-extension-'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'nestjs-cors probe', version: '1.0', background: { service_worker: 'sw.js' } }));
  writeFileSync(join(dir, 'sw.js'), '');
  writeFileSync(join(dir, 'page.html'), '<!doctype html><title>probe</title>');
  return dir;
}

/**
 * A Chromium extension page calling an API (cors-protocol B21): what it sends as `Origin`, and
 * that an exact extension origin in the configuration lets it read, with credentials and through
 * a preflight, while another extension's origin does not.
 */
// Chromium only: loading an unpacked extension from the command line is Chromium's (Firefox
// installs extensions through its add-on manager, which the BiDi driver does not reach here).
describeEachEngine([CHROMIUM], 'browser: a %s extension page calls the API', () => {
  let browser: TestBrowser;
  let extensionDir: string;
  let extensionOrigin: string;
  let page: TestPage;

  beforeAll(async () => {
    extensionDir = writeExtension();
    browser = await launchChromium({
      extensionDir,
      onContext: async (context) => {
        const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
        // Not `new URL(...).origin`: Node's URL parser gives non-special schemes an opaque origin ('null').
        extensionOrigin = `chrome-extension://${new URL(worker.url()).host}`;
      },
    });
    page = await browser.newPage();
    await page.goto(`${extensionOrigin}/page.html`);
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    rmSync(extensionDir, { recursive: true, force: true });
  });

  it('the page origin is chrome-extension:// and the 32-letter id (letters a-p); the URL parser in Node calls it opaque', async () => {
    expect(extensionOrigin).toMatch(/^chrome-extension:\/\/[a-p]{32}$/);
    expect(await page.evaluate(() => location.origin, undefined)).toBe(extensionOrigin);
    expect(new URL(extensionOrigin).origin).toBe('null');
  });

  describe.each(ADAPTERS)('%s', (_name, create) => {
    let api: RunningApp;
    const received: Array<{ method: string; origin?: string }> = [];

    beforeAll(async () => {
      @Controller('mine')
      class MineController {
        @Get() get() { return 'mine'; }
        @Put() put() { return 'mine'; }
      }
      @Cors({ origin: [OTHER] })
      @Controller('other')
      class OtherController {
        @Get() get() { return 'other'; }
      }
      @Module({ imports: [CorsModule.forRoot({ origin: [extensionOrigin], credentials: true })], controllers: [MineController, OtherController] })
      class ExtensionApiModule {}
      api = await startApp(create, ExtensionApiModule);
      // Preflights are answered before any middleware: record at the HTTP server itself.
      (api.app.getHttpServer() as Server).prependListener('request', (request: IncomingMessage) => {
        received.push({ method: request.method ?? '', origin: request.headers.origin });
      });
    });
    afterAll(async () => {
      await api?.close();
    });

    it('allowed: a credentialed GET and a preflighted PUT are readable, and every request carried the extension origin', async () => {
      received.length = 0;
      expect(await pageFetch(page, `${api.url}/mine`, { credentials: 'include' })).toMatchObject({ outcome: 'allowed', status: 200, body: 'mine' });
      expect(await pageFetch(page, `${api.url}/mine`, { method: 'PUT', credentials: 'include' })).toMatchObject({ outcome: 'allowed', status: 200, body: 'mine' });
      expect(received).toEqual([
        { method: 'GET', origin: extensionOrigin },
        { method: 'OPTIONS', origin: extensionOrigin },
        { method: 'PUT', origin: extensionOrigin },
      ]);
    });

    it('another extension listed instead: blocked', async () => {
      expect(await pageFetch(page, `${api.url}/other`)).toEqual(BLOCKED);
    });
  });
});
