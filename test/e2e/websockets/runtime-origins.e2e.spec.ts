import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { WebSocketGateway } from '@nestjs/websockets';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { Cors, CorsModule, CorsPolicyService } from '../../../lib/index.js';
import { CorsIoAdapter } from '../../../lib/socket.io/index.js';
import { CorsWsAdapter } from '../../../lib/ws/index.js';
import { withDeadline } from '../../../sample/shutdown/close-server.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { send } from '../utils/http.js';
import { engineUrl, ioAttempt, rawUpgrade, wsAttempt } from './clients.js';
import { APP, ChatGateway, ConnectionLog, WsChatGateway } from './gateways.js';

const TENANT = 'https://tenant.example.org';

const throws = () => {
  throw new Error('directory down');
};
const neverAnswers = () => new Promise<boolean>(() => undefined);

/** Gateways whose origin function fails: one throws, one never answers (the timeout refuses). */
@Cors({ origin: throws })
@WebSocketGateway()
class ThrowingGateway {}

@Cors({ origin: neverAnswers })
@WebSocketGateway()
class SlowGateway {}

@Cors({ origin: throws })
@WebSocketGateway({ path: '/ws' })
class WsThrowingGateway {}

@Cors({ origin: neverAnswers })
@WebSocketGateway({ path: '/ws' })
class WsSlowGateway {}

describe.each(ADAPTERS)('runtime origins and origin functions on gateways (%s)', (_name, adapter) => {
  describe.each(['socket.io', 'ws'] as const)('%s', (kind) => {
    let running: RunningApp;
    let cors: CorsPolicyService;

    beforeAll(async () => {
      running = await startApp(
        adapter,
        {
          imports: [CorsModule.forRoot({ origin: [APP], originCheckTimeout: 200 })],
          providers: [ConnectionLog, kind === 'socket.io' ? ChatGateway : WsChatGateway],
        },
        (app) => void app.useWebSocketAdapter(kind === 'socket.io' ? new CorsIoAdapter(app) : new CorsWsAdapter(app)),
      );
      cors = running.app.get(CorsPolicyService);
    });
    afterAll(() => running.close());

    /** One handshake's status: the polling handshake for socket.io, the upgrade for ws. */
    const status = async (origin: string) =>
      kind === 'socket.io' ? (await send(running.url, 'GET', engineUrl('transport=polling'), { Origin: origin })).status : (await rawUpgrade(running.url, '/ws', { Origin: origin })).status;

    it('allowOrigin admits new handshakes at once; revokeOrigin refuses them again', async () => {
      expect(await status(TENANT)).toBe(403);
      await cors.allowOrigin(TENANT);
      expect(await status(TENANT)).toBe(kind === 'socket.io' ? 200 : 101);
      const connected = kind === 'socket.io' ? await ioAttempt(running.url, { origin: TENANT, transport: 'websocket' }) : await wsAttempt(running.url, '/ws', TENANT);
      expect(connected).toEqual({ connected: true, echo: 'hi' });
      expect(await cors.revokeOrigin(TENANT)).toBe(true);
      expect(await status(TENANT)).toBe(403);
    });
  });

  it('a runtime origin of the policy named by websockets.policy admits handshakes of gateways without @Cors()', async () => {
    const running = await startApp(
      adapter,
      {
        imports: [CorsModule.forRoot({ origin: [APP], policies: { realtime: { origin: [] } }, websockets: { policy: 'realtime' } })],
        providers: [ConnectionLog, WsChatGateway],
      },
      (app) => void app.useWebSocketAdapter(new CorsWsAdapter(app)),
    );
    try {
      expect((await rawUpgrade(running.url, '/ws', { Origin: APP })).status).toBe(403);
      await running.app.get(CorsPolicyService).allowOrigin(TENANT, 'realtime');
      expect((await rawUpgrade(running.url, '/ws', { Origin: TENANT })).status).toBe(101);
    } finally {
      await running.close();
    }
  });

  it.each([
    ['socket.io', 'throws', ThrowingGateway, 'threw: directory down'],
    ['socket.io', 'never answers', SlowGateway, 'did not answer within 200 ms'],
    ['ws', 'throws', WsThrowingGateway, 'threw: directory down'],
    ['ws', 'never answers', WsSlowGateway, 'did not answer within 200 ms'],
  ] as const)('%s: an origin function that %s refuses the handshake with 403, and is logged', async (kind, _what, gateway, warning) => {
    const running = await startApp(
      adapter,
      { imports: [CorsModule.forRoot({ originCheckTimeout: 200, debug: true })], providers: [gateway] },
      (app) => void app.useWebSocketAdapter(kind === 'socket.io' ? new CorsIoAdapter(app) : new CorsWsAdapter(app)),
    );
    try {
      const attempt = kind === 'socket.io' ? await ioAttempt(running.url, { origin: TENANT, transport: 'websocket' }) : await wsAttempt(running.url, '/ws', TENANT);
      expect(attempt).toEqual({ connected: false, error: kind === 'socket.io' ? 'websocket error (Unexpected server response: 403)' : 'HTTP 403' });
      expect(running.logger.cors('warn')).toEqual([`Origin function of ${gateway.name} ${warning}; origin "${TENANT}" refused`]);
      const why = warning.startsWith('threw') ? 'origin function threw' : 'origin function timed out after 200 ms';
      expect(running.logger.cors('log')).toEqual([
        `Refused WebSocket handshake from "${TENANT}" to ${kind} ${kind === 'socket.io' ? '/socket.io' : '/ws'} (${gateway.name}): ${why} on ${gateway.name}`,
      ]);
    } finally {
      await running.close();
    }
  });
});

/** Waits until `socket` is closed by the server, or fails after the deadline. */
function closedByServer(wait: Promise<unknown>, what: string): Promise<unknown> {
  return withDeadline(what, wait, 3000);
}

describe.each(ADAPTERS)('websockets.closeOnRevoke (%s)', (_name, adapter) => {
  let running: RunningApp;
  let cors: CorsPolicyService;

  afterEach(() => running.close());

  it('socket.io: revoking an origin disconnects its open sockets; other origins stay connected', async () => {
    running = await startApp(
      adapter,
      { imports: [CorsModule.forRoot({ origin: [APP], websockets: { closeOnRevoke: true }, debug: true })], providers: [ConnectionLog, ChatGateway] },
      (app) => void app.useWebSocketAdapter(new CorsIoAdapter(app)),
    );
    cors = running.app.get(CorsPolicyService);
    await cors.allowOrigin(TENANT);
    const tenant = io(running.url, { transports: ['websocket'], reconnection: false, extraHeaders: { Origin: TENANT } });
    const app = io(running.url, { transports: ['websocket'], reconnection: false, extraHeaders: { Origin: APP } });
    try {
      await withDeadline('both connect', Promise.all([tenant, app].map((s) => new Promise((resolve) => s.on('connect', () => resolve(undefined))))), 3000);
      const reason = new Promise((resolve) => tenant.on('disconnect', (why) => resolve(why)));
      await cors.revokeOrigin(TENANT);
      expect(await closedByServer(reason, 'the tenant socket is disconnected')).toBe('io server disconnect');
      expect(app.connected).toBe(true);
      // Logged once, as a closed connection (the re-check itself is not a refused handshake).
      expect(running.logger.cors()).toEqual([
        `Closed WebSocket connection from "${TENANT}" to socket.io /socket.io namespace / (ChatGateway): origin not allowed by the module defaults on ChatGateway`,
      ]);
    } finally {
      tenant.close();
      app.close();
    }
  });

  it('ws: revoking an origin closes its open connections with 1008; other origins stay open', async () => {
    running = await startApp(
      adapter,
      { imports: [CorsModule.forRoot({ origin: [APP], websockets: { closeOnRevoke: true } })], providers: [ConnectionLog, WsChatGateway] },
      (app) => void app.useWebSocketAdapter(new CorsWsAdapter(app)),
    );
    cors = running.app.get(CorsPolicyService);
    await cors.allowOrigin(TENANT);
    const ws = running.url.replace(/^http/, 'ws');
    const tenant = new WebSocket(`${ws}/ws`, { origin: TENANT });
    const app = new WebSocket(`${ws}/ws`, { origin: APP });
    try {
      await withDeadline('both open', Promise.all([tenant, app].map((s) => new Promise((resolve) => s.on('open', resolve)))), 3000);
      const closed = new Promise((resolve) => tenant.on('close', (code, reason) => resolve([code, String(reason)])));
      await cors.revokeOrigin(TENANT);
      expect(await closedByServer(closed, 'the tenant connection is closed')).toEqual([1008, 'origin not allowed']);
      expect(app.readyState).toBe(WebSocket.OPEN);
    } finally {
      tenant.terminate();
      app.terminate();
    }
  });

  it('without closeOnRevoke, open connections stay open after a revoke (only new handshakes are refused)', async () => {
    running = await startApp(
      adapter,
      { imports: [CorsModule.forRoot({ origin: [APP] })], providers: [ConnectionLog, WsChatGateway] },
      (app) => void app.useWebSocketAdapter(new CorsWsAdapter(app)),
    );
    cors = running.app.get(CorsPolicyService);
    await cors.allowOrigin(TENANT);
    const tenant = new WebSocket(`${running.url.replace(/^http/, 'ws')}/ws`, { origin: TENANT });
    try {
      await withDeadline('open', new Promise((resolve) => tenant.on('open', resolve)), 3000);
      await cors.revokeOrigin(TENANT);
      const echo = new Promise((resolve) => tenant.on('message', (data) => resolve(String(data))));
      tenant.send(JSON.stringify({ event: 'echo', data: 'still here' }));
      expect(await withDeadline('echo', echo, 3000)).toBe('{"event":"echo","data":"still here"}');
      expect((await rawUpgrade(running.url, '/ws', { Origin: TENANT })).status).toBe(403);
    } finally {
      tenant.terminate();
    }
  });
});
