import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Delete, Get, Param } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { Cors, CorsModule } from '../../lib/index.js';
import { CorsWsAdapter } from '../../lib/ws/index.js';
import { ConnectionLog, WsChatGateway } from '../e2e/websockets/gateways.js';
import { ADAPTERS, RunningApp, startApp } from '../e2e/utils/adapters.js';
import { pageFetch, PageRequest } from './support/browser-requests.js';
import { describeEachEngine, Engine, TestBrowser, TestPage } from './support/engine.js';
import { ENGINES } from './support/engines.js';
import { PageServer, startPageServer } from './support/page-server.js';

// The project type-checks without the DOM lib: the one browser global the page scripts use here.
declare const WebSocket: new (url: string) => { onerror: () => void; onopen: () => void; onclose: () => void; close(): void };

const TROUBLESHOOTING = new URL('../../docs/troubleshooting.md', import.meta.url);
const SECTION = '## What the browser console says';

/** The addresses the page quotes instead of the test's loopback ones. */
const QUOTED = { api: 'https://api.example.com', ws: 'wss://api.example.com', allowed: 'https://app.example.com', refused: 'https://x.example' };

@Controller('items')
class ItemsController {
  @Get(':id') get(@Param('id') id: string) { return { id }; }

  @Cors('admins')
  @Delete(':id') remove(@Param('id') id: string) { return { id }; }
}

/**
 * The table of `SECTION` in docs/troubleshooting.md: for each case (the first cell), the console
 * messages each engine printed (the code spans of the engine's column, in order).
 */
function documentedMessages(engine: Engine): Map<string, string[]> {
  const page = readFileSync(TROUBLESHOOTING, 'utf8');
  const start = page.indexOf(`\n${SECTION}\n`);
  if (start === -1) throw new Error(`docs/troubleshooting.md has no section "${SECTION}"`);
  const lines = page.slice(start + SECTION.length + 2).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const end = lines.findIndex((line, i) => i > first && !line.startsWith('|'));
  const rows = lines.slice(first, end).map((line) => line.slice(1, -1).split(' | ').map((cell) => cell.trim()));
  const column = rows[0]!.findIndex((cell) => cell.startsWith(engine.label));
  if (column === -1) throw new Error(`the table of "${SECTION}" has no ${engine.label} column`);
  const table = new Map<string, string[]>();
  for (const row of rows.slice(2)) table.set(row[0]!, [...row[column]!.matchAll(/`([^`]+)`/g)].map((match) => match[1]!));
  return table;
}

/**
 * Waits until the page's console has printed something after `from` and then nothing new for a
 * while (the engines print a refusal's messages after the page's script has seen the failure,
 * Firefox sometimes two), bounded; returns what was printed.
 */
async function printedSince(page: TestPage, from: number): Promise<string[]> {
  const QUIET_MS = 500;
  const deadline = Date.now() + 10_000;
  let count = page.console.length;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (page.console.length !== count) {
      count = page.console.length;
      quietSince = Date.now();
    } else if (count > from && Date.now() - quietSince >= QUIET_MS) {
      break;
    }
  }
  return page.console.slice(from);
}

/** Opens a WebSocket from the page and resolves when the browser has given up on it (or it opened). */
function pageWebSocket(page: TestPage, url: string): Promise<string> {
  return page.evaluate(
    (url) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(url);
        socket.onerror = () => resolve('error');
        socket.onopen = () => {
          socket.close();
          resolve('open');
        };
        socket.onclose = () => resolve('closed');
      }),
    url,
  );
}

/**
 * docs/troubleshooting.md quotes what each engine's console prints for the failures it explains;
 * this records those messages in Chromium and Firefox against this module's real answers, on
 * both adapters, and requires the page to quote exactly them (the test's loopback addresses
 * written as `QUOTED`). A browser update that rewords one fails here, with the new text.
 */
describeEachEngine(ENGINES, 'browser: what the %s console says, as docs/troubleshooting.md quotes it', (engine) => {
  let browser: TestBrowser;
  let pages: PageServer;
  let allowed: TestPage;
  let refused: TestPage;
  const documented = documentedMessages(engine);

  beforeAll(async () => {
    pages = await startPageServer();
    browser = await engine.launch();
    allowed = await browser.newPage();
    await allowed.goto(`${pages.origin('127.0.0.1')}/`);
    refused = await browser.newPage();
    await refused.goto(`${pages.origin('localhost')}/`);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await pages?.close();
  });

  describe.each(ADAPTERS)('%s', (_name, create) => {
    let api: RunningApp;

    beforeAll(async () => {
      const cors = CorsModule.forRoot({ origin: [pages.origin('127.0.0.1')], policies: { admins: { origin: ['https://admin.example.com'] } } });
      api = await startApp(create, { imports: [cors], controllers: [ItemsController], providers: [ConnectionLog, WsChatGateway] }, (app) => void app.useWebSocketAdapter(new CorsWsAdapter(app)));
    });
    afterAll(async () => {
      await api?.close();
    });

    /** A message as the page quotes it. */
    const quoted = (message: string) =>
      message
        .replaceAll(api.url, QUOTED.api)
        .replaceAll(api.url.replace(/^http/, 'ws'), QUOTED.ws)
        .replaceAll(pages.origin('127.0.0.1'), QUOTED.allowed)
        .replaceAll(pages.origin('localhost'), QUOTED.refused);

    const fetchFrom = (page: TestPage, path: string, request: PageRequest = {}) => async () => {
      expect(await pageFetch(page, api.url + path, request)).toEqual({ outcome: 'blocked', error: engine.blockedFetch });
    };

    it.each<[string, () => TestPage, () => () => Promise<void>]>([
      ['an actual request from a refused origin', () => refused, () => fetchFrom(refused, '/items/1')],
      ["a path no route serves (Nest's 404), from an origin the module defaults refuse", () => refused, () => fetchFrom(refused, '/nowhere')],
      ['a refused preflight', () => allowed, () => fetchFrom(allowed, '/items/1', { method: 'DELETE' })],
      ['credentials the policy does not allow', () => allowed, () => fetchFrom(allowed, '/items/1', { credentials: 'include' })],
      [
        'a refused WebSocket handshake',
        () => refused,
        () => async () => {
          expect(await pageWebSocket(refused, `${api.url.replace(/^http/, 'ws')}/ws`)).toBe('error');
        },
      ],
    ])('%s', async (title, page, request) => {
      const from = page().console.length;
      await request()();
      const printed = (await printedSince(page(), from)).map(quoted);
      // On failure, Jest shows what the engine printed: paste it into the page.
      expect({ case: title, printed }).toEqual({ case: title, printed: documented.get(title) });
    });
  });
});
