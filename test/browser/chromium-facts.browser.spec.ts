import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createServer, IncomingMessage, OutgoingHttpHeaders, Server } from 'node:http';
import type { Page } from 'playwright-core';
import { pageFetch } from './support/browser-requests.js';
import { closeServer } from '../../sample/shutdown/close-server.js';
import { Browser, describeWithBrowser, launchChromium } from './support/chromium.js';
import { PageServer, sandboxedFrame, startPageServer } from './support/page-server.js';

const BLOCKED = { outcome: 'blocked', error: 'TypeError: Failed to fetch' };

/**
 * Facts about Chromium the library's design relies on (browser facts B2-B6, B8, B9, B11 and
 * B13-B16 of the CORS protocol reference), checked against a bare Node server that sends
 * hand-written headers, not the library. If a Chromium update changes one, this file says which.
 */
describeWithBrowser('browser: Chromium facts the library relies on', () => {
  let browser: Browser;
  let pageServer: PageServer;
  let page: Page;
  let server: Server;
  let api: string;
  const received: Array<{ method: string; url: string; origin?: string; requestHeaders?: string }> = [];

  /** Each path answers every request (preflight or not) with the headers it names. */
  const answers: Record<string, (origin: string) => OutgoingHttpHeaders> = {
    '/acah-star': (origin) => ({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Headers': '*' }),
    '/acam-patch': (origin) => ({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Methods': 'PATCH' }),
    '/star-credentials': () => ({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Credentials': 'true' }),
    '/two-acao': (origin) => ({ 'Access-Control-Allow-Origin': [origin, origin] }),
    '/cached': (origin) => ({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Max-Age': '600' }),
    '/any': () => ({ 'Access-Control-Allow-Origin': '*' }),
    '/acac-capitalised': (origin) => ({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'True' }),
    '/acao-trailing-slash': (origin) => ({ 'Access-Control-Allow-Origin': `${origin}/` }),
    '/preflight-redirect': (origin) => ({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Methods': 'PUT' }),
    '/expose-set-cookie': (origin) => ({
      'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': 'Set-Cookie, X-Shown', 'Set-Cookie': 'a=1', 'X-Shown': '1', 'X-Hidden': '1',
    }),
    '/redirect': () => ({ Location: '/any' }),
  };
  /** The two paths whose status is the point: a redirected preflight, a redirected actual request. */
  const statusOf = (preflight: boolean, path: string) =>
    preflight ? (path === '/preflight-redirect' ? 302 : 204) : path === '/redirect' ? 302 : 200;

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response) => {
      const path = (request.url ?? '').split('?')[0]!;
      received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        origin: request.headers.origin,
        requestHeaders: request.headers['access-control-request-headers'],
      });
      const headers = answers[path]?.(request.headers.origin ?? '') ?? {};
      response.writeHead(statusOf(request.method === 'OPTIONS', path), headers);
      response.end(request.method === 'OPTIONS' ? undefined : 'read');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    pageServer = await startPageServer();
    browser = await launchChromium();
    page = await browser.context.newPage();
    await page.goto(pageServer.origin('localhost'));
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await pageServer?.close();
    if (server) await closeServer(server);
  });

  it('B2: Access-Control-Allow-Headers: * lets Authorization through (so the server must refuse it itself)', async () => {
    expect(await pageFetch(page, `${api}/acah-star`, { headers: { Authorization: 'Bearer x' } })).toMatchObject({ outcome: 'allowed', body: 'read' });
  });

  it('B9: Access-Control-Allow-Methods is compared exactly: PATCH allows "PATCH", not "patch"', async () => {
    expect(await pageFetch(page, `${api}/acam-patch?m=upper`, { method: 'PATCH' })).toMatchObject({ outcome: 'allowed' });
    expect(await pageFetch(page, `${api}/acam-patch?m=lower`, { method: 'patch' })).toEqual(BLOCKED);
    expect(received.filter((r) => r.url === '/acam-patch?m=lower').map((r) => r.method)).toEqual(['OPTIONS']);
  });

  it("B3: Access-Control-Allow-Origin: * with credentials is blocked, even with Allow-Credentials: true", async () => {
    expect(await pageFetch(page, `${api}/star-credentials`, { credentials: 'include' })).toEqual(BLOCKED);
    expect(await pageFetch(page, `${api}/star-credentials?c=omit`, { credentials: 'omit' })).toMatchObject({ outcome: 'allowed' });
  });

  it('B5: two identical Access-Control-Allow-Origin lines are blocked', async () => {
    expect(await pageFetch(page, `${api}/two-acao`)).toEqual(BLOCKED);
  });

  it('B13: a sandboxed iframe sends Origin: null', async () => {
    const sandboxed = await browser.context.newPage();
    await sandboxed.goto(pageServer.origin('localhost') + '/sandboxed');
    expect(await pageFetch(await sandboxedFrame(sandboxed), `${api}/any?from=sandbox`)).toMatchObject({ outcome: 'allowed' });
    expect(received.find((r) => r.url === '/any?from=sandbox')?.origin).toBe('null');
    await sandboxed.close();
  });

  it("B14: a cached preflight is reused, but fetch's cache: 'no-store' bypasses the preflight cache", async () => {
    const put = { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' };
    for (let i = 0; i < 2; i++) {
      expect(await pageFetch(page, `${api}/cached?mode=default`, { ...put, cache: 'default' })).toMatchObject({ outcome: 'allowed' });
      expect(await pageFetch(page, `${api}/cached?mode=no-store`, { ...put, cache: 'no-store' })).toMatchObject({ outcome: 'allowed' });
    }
    const preflights = (url: string) => received.filter((r) => r.url === url && r.method === 'OPTIONS').length;
    expect([preflights('/cached?mode=default'), preflights('/cached?mode=no-store')]).toEqual([1, 2]);
  });

  it('B4: Access-Control-Allow-Credentials must be exactly "true"', async () => {
    expect(await pageFetch(page, `${api}/acac-capitalised`, { credentials: 'include' })).toEqual(BLOCKED);
  });

  it('B6: an Access-Control-Allow-Origin with a trailing slash is blocked', async () => {
    expect(await pageFetch(page, `${api}/acao-trailing-slash`)).toEqual(BLOCKED);
  });

  it('B8: a preflight answered with a redirect fails, and the actual request is never sent', async () => {
    expect(await pageFetch(page, `${api}/preflight-redirect`, { method: 'PUT' })).toEqual(BLOCKED);
    expect(received.filter((r) => r.url === '/preflight-redirect').map((r) => r.method)).toEqual(['OPTIONS']);
  });

  it('B11: Chromium sends Access-Control-Request-Headers lowercase, sorted, comma-joined without spaces', async () => {
    await pageFetch(page, `${api}/acah-star?shape`, { headers: { 'X-Zeta': '1', 'Content-Type': 'application/json', 'X-Alpha': '1' } });
    expect(received.find((r) => r.url === '/acah-star?shape' && r.method === 'OPTIONS')?.requestHeaders).toBe('content-type,x-alpha,x-zeta');
  });

  it('B15: Set-Cookie is never readable, even when listed in Access-Control-Expose-Headers', async () => {
    const result = await pageFetch(page, `${api}/expose-set-cookie`);
    expect(result).toMatchObject({ outcome: 'allowed' });
    const headers = (result as { headers: Record<string, string> }).headers;
    expect([headers['set-cookie'], headers['x-shown'], headers['x-hidden']]).toEqual([undefined, '1', undefined]);
  });

  it('B16: a redirect without Access-Control-Allow-Origin is not followed', async () => {
    expect(await pageFetch(page, `${api}/redirect`)).toEqual(BLOCKED);
    expect(received.filter((r) => r.url === '/any')).toEqual([]);
  });
});
