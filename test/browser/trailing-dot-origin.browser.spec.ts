import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Module } from '@nestjs/common';
import { IncomingMessage, Server } from 'node:http';
import { Cors, CorsModule } from '../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../e2e/utils/adapters.js';
import { pageFetch } from './support/browser-requests.js';
import { CHROMIUM, launchChromium } from './support/chromium.js';
import { TestBrowser, TestPage, describeEachEngine } from './support/engine.js';
import { PageServer, startPageServer } from './support/page-server.js';

// The project type-checks without the DOM lib; the page script reads only this.
declare const location: { readonly origin: string };

const BLOCKED = { outcome: 'blocked', error: 'TypeError: Failed to fetch' };

/**
 * A page at a host written with a trailing dot (`http://app.test.:<port>`): the URL Standard keeps
 * the dot, Chromium sends it in `Origin`, and the library treats it as its own origin, allowed
 * only where it is listed exactly so.
 */
// Chromium only: its --host-resolver-rules map the dotted name to loopback; Firefox's
// network.dns.localDomains in this suite lists the names without the dot.
describeEachEngine([CHROMIUM], 'browser: a page at a trailing-dot host (%s)', () => {
  let browser: TestBrowser;
  let pageServer: PageServer;
  let dotted: TestPage;
  let plain: TestPage;

  beforeAll(async () => {
    pageServer = await startPageServer();
    browser = await launchChromium();
    dotted = await browser.newPage();
    await dotted.goto(pageServer.origin('app.test.'));
    plain = await browser.newPage();
    await plain.goto(pageServer.origin('app.test'));
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await pageServer?.close();
  });

  it('the page keeps the dot in its origin', async () => {
    expect(await dotted.evaluate(() => location.origin, undefined)).toBe(pageServer.origin('app.test.'));
  });

  describe.each(ADAPTERS)('%s', (_name, create) => {
    let api: RunningApp;
    const received: string[] = [];

    beforeAll(async () => {
      @Cors({ origin: [pageServer.origin('app.test.')] })
      @Controller('dotted')
      class DottedController {
        @Get() get() { return 'dotted'; }
      }
      @Cors({ origin: [pageServer.origin('app.test'), 'http://app.test:*'] })
      @Controller('plain')
      class PlainController {
        @Get() get() { return 'plain'; }
      }
      @Module({ imports: [CorsModule.forRoot({})], controllers: [DottedController, PlainController] })
      class TrailingDotModule {}
      api = await startApp(create, TrailingDotModule);
      (api.app.getHttpServer() as Server).prependListener('request', (request: IncomingMessage) => {
        received.push(request.headers.origin ?? '');
      });
    });
    afterAll(async () => {
      await api?.close();
    });

    it('listed with the dot: readable, and the Origin the browser sent had the dot', async () => {
      received.length = 0;
      expect(await pageFetch(dotted, `${api.url}/dotted`)).toMatchObject({ outcome: 'allowed', status: 200, body: 'dotted' });
      expect(received).toEqual([pageServer.origin('app.test.')]);
    });

    it('listed without the dot (exactly and as http://app.test:*): blocked; and the page without the dot is blocked where the dot is listed', async () => {
      expect(await pageFetch(dotted, `${api.url}/plain`)).toEqual(BLOCKED);
      expect(await pageFetch(plain, `${api.url}/plain`)).toMatchObject({ outcome: 'allowed', body: 'plain' });
      expect(await pageFetch(plain, `${api.url}/dotted`)).toEqual(BLOCKED);
    });
  });
});
