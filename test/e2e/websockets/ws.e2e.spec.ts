import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { WebSocketGateway } from '@nestjs/websockets';
import { CorsModule, CorsPolicyService, GatewayCorsInfo } from '../../../lib/index.js';
import { CorsWsAdapter } from '../../../lib/ws/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { rawUpgrade, wsAttempt } from './clients.js';
import { ADMIN, APP, ConnectionLog, EVIL, WsAdminGateway, WsChatGateway } from './gateways.js';

/** What `ws` writes when CorsWsAdapter's verifyClient refuses (then it closes the connection). */
const REFUSED_HEAD = 'HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: text/html\r\nContent-Length: 9';

/** A gateway whose own verifyClient refuses clients without `X-Token: ok` (authentication stays the app's job). */
@WebSocketGateway({ path: '/ws-token', verifyClient: (info: { req: { headers: Record<string, unknown> } }) => info.req.headers['x-token'] === 'ok' })
class TokenGateway {}

describe.each(ADAPTERS)('ws gateways behind CorsWsAdapter (%s)', (_name, adapter) => {
  let running: RunningApp;
  let log: ConnectionLog;

  beforeAll(async () => {
    running = await startApp(
      adapter,
      {
        imports: [CorsModule.forRoot({ origin: [APP], policies: { admins: { origin: [ADMIN] } }, debug: true })],
        providers: [ConnectionLog, WsChatGateway, WsAdminGateway, TokenGateway],
      },
      (app) => void app.useWebSocketAdapter(new CorsWsAdapter(app)),
    );
    log = running.app.get(ConnectionLog);
  });
  afterAll(() => running.close());
  afterEach(() => void log.seen.splice(0));

  it('an allowed origin connects and exchanges a message', async () => {
    expect(await wsAttempt(running.url, '/ws', APP)).toEqual({ connected: true, echo: 'hi' });
    expect(log.seen).toEqual(['WsChatGateway']);
  });

  it('a refused origin: HTTP/1.1 403 Forbidden, the socket closed, no connection', async () => {
    expect(await rawUpgrade(running.url, '/ws', { Origin: EVIL })).toEqual({ head: REFUSED_HEAD, body: 'Forbidden', status: 403, closedByServer: true });
    expect(await wsAttempt(running.url, '/ws', EVIL)).toEqual({ connected: false, error: 'HTTP 403' });
    expect(log.seen).toEqual([]);
  });

  it('no Origin (not a browser) is admitted; the own origin too', async () => {
    expect(await wsAttempt(running.url, '/ws')).toEqual({ connected: true, echo: 'hi' });
    expect(await wsAttempt(running.url, '/ws', running.url)).toEqual({ connected: true, echo: 'hi' });
    expect(log.seen).toEqual(['WsChatGateway', 'WsChatGateway']);
  });

  it('two gateways on two paths keep their own policies', async () => {
    expect(await wsAttempt(running.url, '/ws-admin', ADMIN)).toEqual({ connected: true, echo: 'hi' });
    expect(await wsAttempt(running.url, '/ws-admin', APP)).toEqual({ connected: false, error: 'HTTP 403' });
    expect(await wsAttempt(running.url, '/ws', ADMIN)).toEqual({ connected: false, error: 'HTTP 403' });
    expect(log.seen).toEqual(['WsAdminGateway']);
  });

  it("the gateway's own verifyClient still runs, after the origin check", async () => {
    expect((await rawUpgrade(running.url, '/ws-token', { Origin: APP, 'X-Token': 'ok' })).status).toBe(101);
    expect((await rawUpgrade(running.url, '/ws-token', { Origin: APP })).status).toBe(401);
    expect((await rawUpgrade(running.url, '/ws-token', { Origin: EVIL, 'X-Token': 'ok' })).status).toBe(403);
  });

  it('debug: the refusal is logged with the origin, the gateway and the reason', async () => {
    running.logger.lines.splice(0);
    await rawUpgrade(running.url, '/ws-admin', { Origin: APP });
    expect(running.logger.cors()).toEqual([
      `Refused WebSocket handshake from "${APP}" to ws /ws-admin (WsAdminGateway): origin not allowed by policy "admins" on WsAdminGateway`,
    ]);
  });

  it('getRoutes() lists ws gateways with their path and no namespace', () => {
    const gateways = running.app
      .get(CorsPolicyService)
      .getRoutes()
      .filter((entry): entry is GatewayCorsInfo => entry.kind === 'gateway');
    expect(gateways.map((g) => [g.gateway, g.path, g.namespace, g.adapter, g.enforced, g.origins])).toEqual([
      ['WsChatGateway', '/ws', undefined, 'ws', true, [APP]],
      ['WsAdminGateway', '/ws-admin', undefined, 'ws', true, [ADMIN]],
      ['TokenGateway', '/ws-token', undefined, 'ws', true, [APP]],
    ]);
  });
});

describe.each(ADAPTERS)('ws with websockets.requireOrigin (%s)', (_name, adapter) => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp(
      adapter,
      { imports: [CorsModule.forRoot({ origin: [APP], websockets: { requireOrigin: true } })], providers: [ConnectionLog, WsChatGateway] },
      (app) => void app.useWebSocketAdapter(new CorsWsAdapter(app)),
    );
  });
  afterAll(() => running.close());

  it('refuses a handshake without Origin with 403; an allowed origin connects', async () => {
    expect(await rawUpgrade(running.url, '/ws', {})).toEqual({ head: REFUSED_HEAD, body: 'Forbidden', status: 403, closedByServer: true });
    expect(await wsAttempt(running.url, '/ws', APP)).toEqual({ connected: true, echo: 'hi' });
    expect(running.app.get(ConnectionLog).seen).toEqual(['WsChatGateway']);
  });
});
