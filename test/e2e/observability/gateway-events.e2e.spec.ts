import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { INestApplication, Type, WebSocketAdapter } from '@nestjs/common';
import { CorsModule } from '../../../lib/index.js';
import { CorsIoAdapter } from '../../../lib/socket.io/index.js';
import { CorsWsAdapter } from '../../../lib/ws/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { send } from '../utils/http.js';
import { ioAttempt, rawUpgrade, wsAttempt } from '../websockets/clients.js';
import { ADMIN, APP, AdminGateway, ChatGateway, ConnectionLog, EVIL, WsAdminGateway, WsChatGateway } from '../websockets/gateways.js';
import { EventLog, seen } from './observed-app.js';

const CHAT = { kind: 'gateway', label: 'ChatGateway', route: undefined } as const;

/** An app with these gateways under `wsAdapter`, the policy "admins", and `log` listening. */
function startGateways(adapter: (typeof ADAPTERS)[number][1], log: EventLog, gateways: Type[], wsAdapter: (app: INestApplication) => WebSocketAdapter): Promise<RunningApp> {
  return startApp(
    adapter,
    { imports: [CorsModule.forRoot({ origin: [APP], policies: { admins: { origin: [ADMIN] } }, onDecision: log.listener })], providers: [ConnectionLog, ...gateways] },
    (app) => void app.useWebSocketAdapter(wsAdapter(app)),
  );
}
const ADMIN_GATEWAY = { kind: 'gateway', label: 'AdminGateway', route: undefined } as const;

/** The decision events of socket.io's engine and namespaces, from the same decision core as HTTP. */
describe.each(ADAPTERS)('decision events of socket.io gateways (%s)', (_name, adapter) => {
  let running: RunningApp;
  const log = new EventLog();

  beforeAll(async () => {
    running = await startGateways(adapter, log, [ChatGateway, AdminGateway], (app) => new CorsIoAdapter(app));
  });
  afterAll(() => running.close());
  beforeEach(() => void log.take());

  it('a WebSocket connection: the engine upgrade (any gateway of the server), then the namespace connect (its own gateway)', async () => {
    expect(await ioAttempt(running.url, { origin: APP, transport: 'websocket' })).toEqual({ connected: true, echo: 'hi' });
    expect(log.take()).toEqual([
      seen({ transport: 'socket.io', kind: 'handshake', origin: APP, endpoint: CHAT, policy: 'module', verdict: 'allowed', reason: 'allowed' }),
      seen({ transport: 'socket.io', kind: 'handshake', origin: APP, endpoint: CHAT, policy: 'module', verdict: 'allowed', reason: 'allowed' }),
    ]);
  });

  it("a namespace refusing what the engine admitted: the namespace's own policy and words", async () => {
    expect(await ioAttempt(running.url, { origin: APP, transport: 'websocket', namespace: '/admin' })).toEqual({ connected: false, error: 'origin not allowed' });
    expect(log.take()).toEqual([
      seen({ transport: 'socket.io', kind: 'handshake', origin: APP, endpoint: CHAT, policy: 'module', verdict: 'allowed', reason: 'allowed' }),
      seen({
        transport: 'socket.io',
        kind: 'handshake',
        origin: APP,
        endpoint: ADMIN_GATEWAY,
        policy: 'policy:admins',
        verdict: 'refused',
        reason: 'origin-not-allowed',
        detail: 'origin not allowed by policy "admins"',
      }),
    ]);
  });

  it('a polling handshake no gateway admits, and a polling preflight: both gateways named together', async () => {
    const refused = await send(running.url, 'GET', '/socket.io/?EIO=4&transport=polling', { Origin: EVIL });
    expect(refused.status).toBe(403);
    await send(running.url, 'OPTIONS', '/socket.io/?EIO=4&transport=polling', { Origin: EVIL, 'Access-Control-Request-Method': 'POST' });
    const both = { kind: 'gateway', label: 'ChatGateway, AdminGateway', route: undefined } as const;
    const detail = 'no gateway here allows it (origin not allowed by the module defaults on ChatGateway; origin not allowed by policy "admins" on AdminGateway)';
    expect(log.take()).toEqual([
      seen({ transport: 'socket.io', kind: 'handshake', origin: EVIL, endpoint: both, policy: 'none', verdict: 'refused', reason: 'no-candidate-allows', detail }),
      seen({ transport: 'socket.io', kind: 'preflight', origin: EVIL, endpoint: both, policy: 'none', verdict: 'refused', reason: 'no-candidate-allows', detail }),
    ]);
  });
});

/** The decision events of ws upgrades. */
describe.each(ADAPTERS)('decision events of ws gateways (%s)', (_name, adapter) => {
  let running: RunningApp;
  const log = new EventLog();

  beforeAll(async () => {
    running = await startGateways(adapter, log, [WsChatGateway, WsAdminGateway], (app) => new CorsWsAdapter(app));
  });
  afterAll(() => running.close());
  beforeEach(() => void log.take());

  it('one event per upgrade: admitted, refused, a null origin, and the own origin', async () => {
    expect(await wsAttempt(running.url, '/ws', APP)).toEqual({ connected: true, echo: 'hi' });
    expect((await rawUpgrade(running.url, '/ws-admin', { Origin: APP })).status).toBe(403);
    expect((await rawUpgrade(running.url, '/ws', { Origin: 'null' })).status).toBe(403);
    expect(await wsAttempt(running.url, '/ws', running.url)).toEqual({ connected: true, echo: 'hi' });
    const chat = { kind: 'gateway', label: 'WsChatGateway', route: undefined } as const;
    expect(log.take()).toEqual([
      seen({ transport: 'ws', kind: 'handshake', origin: APP, endpoint: chat, policy: 'module', verdict: 'allowed', reason: 'allowed' }),
      seen({
        transport: 'ws',
        kind: 'handshake',
        origin: APP,
        endpoint: { kind: 'gateway', label: 'WsAdminGateway', route: undefined },
        policy: 'policy:admins',
        verdict: 'refused',
        reason: 'origin-not-allowed',
        detail: 'origin not allowed by policy "admins"',
      }),
      seen({
        transport: 'ws',
        kind: 'handshake',
        origin: 'null',
        endpoint: chat,
        policy: 'module',
        verdict: 'refused',
        reason: 'origin-null',
        detail: 'Origin null (sandboxed iframes, file: and data: pages, redirects) is never allowed',
      }),
      seen({ transport: 'ws', kind: 'handshake', origin: running.url, endpoint: chat, policy: 'module', verdict: 'allowed', reason: 'same-origin' }),
    ]);
  });
});
