import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { IncomingMessage, Server } from 'node:http';
import { dirname, join } from 'node:path';
import { CorsModule } from '../../lib/index.js';
import { CorsIoAdapter } from '../../lib/socket.io/index.js';
import { CorsWsAdapter } from '../../lib/ws/index.js';
import { ChatGateway, ConnectionLog, WsChatGateway } from '../e2e/websockets/gateways.js';
import { ADAPTERS, RunningApp, startApp } from '../e2e/utils/adapters.js';
import { TestBrowser, TestPage, describeEachEngine } from './support/engine.js';
import { ENGINES } from './support/engines.js';
import { PageServer, startPageServer } from './support/page-server.js';

// The project type-checks without the DOM lib; these are the browser globals the page scripts use.
interface PageSocket {
  on(event: string, listener: (value: { message?: string } & unknown) => void): void;
  emit(event: string, data: unknown): void;
  close(): void;
}
declare const io: (url: string, options: object) => PageSocket;
declare const WebSocket: new (url: string) => {
  onopen: () => void;
  onmessage: (event: { data: string }) => void;
  onerror: () => void;
  onclose: (event: { code: number }) => void;
  send(data: string): void;
  close(): void;
};

/** What a page could do with a socket: exchange a message, or what the browser reported instead. */
type PageOutcome = { outcome: 'connected'; echo: unknown } | { outcome: 'connect_error'; message: string } | { outcome: 'error' } | { outcome: 'closed'; code: number } | { outcome: 'timeout' };

/** The socket.io client bundle, served to the pages from their own origin. */
// Not in the package's exports: found next to its package.json.
const SOCKET_IO_CLIENT = readFileSync(join(dirname(createRequire(import.meta.url).resolve('socket.io-client/package.json')), 'dist/socket.io.min.js'));
const IO_PAGE = '<!doctype html><meta charset="utf-8"><title>socket.io page</title><script src="/socket.io.min.js"></script>';

/** Connects with the page's socket.io client and emits `echo`; a bound of 10 s makes a hang a visible outcome. */
function pageIo(page: TestPage, url: string, transport: 'polling' | 'websocket'): Promise<PageOutcome> {
  return page.evaluate(
    ({ url, transport }) =>
      new Promise<PageOutcome>((resolve) => {
        const socket = io(url, { transports: [transport], reconnection: false, forceNew: true, withCredentials: true });
        const done = (outcome: PageOutcome) => {
          clearTimeout(timer);
          socket.close();
          resolve(outcome);
        };
        const timer = setTimeout(() => done({ outcome: 'timeout' }), 10_000);
        socket.on('connect', () => socket.emit('echo', 'hi'));
        socket.on('echo', (data) => done({ outcome: 'connected', echo: data }));
        socket.on('connect_error', (error) => done({ outcome: 'connect_error', message: String(error.message) }));
      }),
    { url, transport },
  );
}

/** Opens a plain `WebSocket` from the page and sends `{ event: 'echo' }`; the first event the page sees decides. */
function pageWebSocket(page: TestPage, url: string): Promise<PageOutcome> {
  return page.evaluate(
    (url) =>
      new Promise<PageOutcome>((resolve) => {
        const socket = new WebSocket(url);
        const timer = setTimeout(() => resolve({ outcome: 'timeout' }), 10_000);
        const done = (outcome: PageOutcome) => {
          clearTimeout(timer);
          socket.close();
          resolve(outcome);
        };
        socket.onopen = () => socket.send(JSON.stringify({ event: 'echo', data: 'hi' }));
        socket.onmessage = (event) => done({ outcome: 'connected', echo: (JSON.parse(event.data) as { data: unknown }).data });
        socket.onerror = () => done({ outcome: 'error' });
        socket.onclose = (event) => done({ outcome: 'closed', code: event.code });
      }),
    url,
  );
}

/** Records the `Origin` of every request and upgrade the API's HTTP server receives. */
function recordOrigins(app: INestApplication, into: string[]): void {
  const server = app.getHttpServer() as Server;
  const record = (request: IncomingMessage) => void into.push(`${request.headers.upgrade ? 'upgrade' : request.method} ${request.headers.origin ?? '-'}`);
  server.prependListener('request', record);
  server.prependListener('upgrade', record);
}

/**
 * Gateways seen from real pages: a page on an allowed origin connects (socket.io over both
 * transports, credentials included, and a plain WebSocket), a page on another origin cannot
 * (socket.io `connect_error`, WebSocket `error`) and its gateway sees no connection.
 */
describeEachEngine(ENGINES, 'browser: pages connect to WebSocket gateways (%s)', (engine) => {
  let browser: TestBrowser;
  let pages: PageServer;
  let allowed: TestPage;
  let refused: TestPage;

  beforeAll(async () => {
    pages = await startPageServer({
      '/socket.io.min.js': { contentType: 'text/javascript; charset=utf-8', body: SOCKET_IO_CLIENT },
      '/io.html': { contentType: 'text/html; charset=utf-8', body: IO_PAGE },
    });
    browser = await engine.launch();
    allowed = await browser.newPage();
    await allowed.goto(`${pages.origin('localhost')}/io.html`);
    refused = await browser.newPage();
    await refused.goto(`${pages.origin('evilapp.test')}/io.html`);
    for (const page of [allowed, refused]) await page.waitFor(() => typeof io === 'function', undefined);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await pages?.close();
  });

  describe.each(ADAPTERS)('%s', (_name, create) => {
    let ioApi: RunningApp;
    let wsApi: RunningApp;
    const seen: string[] = [];
    // A polling client's last request (its close) may land after the test that opened it.
    const from = (origin: string) => seen.filter((entry) => entry.endsWith(` ${origin}`));

    beforeAll(async () => {
      const cors = CorsModule.forRoot({ origin: [pages.origin('localhost')], credentials: true });
      ioApi = await startApp(create, { imports: [cors], providers: [ConnectionLog, ChatGateway] }, (app) => void app.useWebSocketAdapter(new CorsIoAdapter(app)));
      wsApi = await startApp(create, { imports: [cors], providers: [ConnectionLog, WsChatGateway] }, (app) => void app.useWebSocketAdapter(new CorsWsAdapter(app)));
      recordOrigins(ioApi.app, seen);
      recordOrigins(wsApi.app, seen);
    });
    afterAll(async () => {
      await ioApi?.close();
      await wsApi?.close();
    });

    it.each(['websocket', 'polling'] as const)('socket.io over %s: the allowed page exchanges a message, with the Origin the browser sent', async (transport) => {
      seen.length = 0;
      expect(await pageIo(allowed, ioApi.url, transport)).toEqual({ outcome: 'connected', echo: 'hi' });
      expect(ioApi.app.get(ConnectionLog).seen.splice(0)).toEqual(['ChatGateway']);
      expect(from(pages.origin('localhost'))[0]).toBe(`${transport === 'websocket' ? 'upgrade' : 'GET'} ${pages.origin('localhost')}`);
    });

    it.each(['websocket', 'polling'] as const)('socket.io over %s: the refused page gets connect_error, the gateway no connection', async (transport) => {
      seen.length = 0;
      const outcome = await pageIo(refused, ioApi.url, transport);
      expect(outcome).toEqual({ outcome: 'connect_error', message: transport === 'websocket' ? 'websocket error' : 'xhr poll error' });
      expect(ioApi.app.get(ConnectionLog).seen).toEqual([]);
      expect(from(pages.origin('evilapp.test'))).toEqual([`${transport === 'websocket' ? 'upgrade' : 'GET'} ${pages.origin('evilapp.test')}`]);
    });

    it('a plain WebSocket to a ws gateway: the allowed page exchanges a message, the refused one gets error', async () => {
      const url = `${wsApi.url.replace(/^http/, 'ws')}/ws`;
      expect(await pageWebSocket(allowed, url)).toEqual({ outcome: 'connected', echo: 'hi' });
      expect(await pageWebSocket(refused, url)).toEqual({ outcome: 'error' });
      expect(wsApi.app.get(ConnectionLog).seen).toEqual(['WsChatGateway']);
    });
  });
});
