import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { CorsModule, CorsPolicyService, GatewayCorsInfo } from '../../../lib/index.js';
import { CorsIoAdapter } from '../../../lib/socket.io/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { corsHeaders, send } from '../utils/http.js';
import { engineUrl, ioAttempt } from './clients.js';
import { ADMIN, APP, AdminGateway, ChatGateway, ConnectionLog, EVIL, TenantGateway } from './gateways.js';

const TENANT = 'https://tenant.example.org';

const HANDSHAKE = engineUrl('transport=polling');

/**
 * Two gateways on one socket.io server (the app's HTTP server, `/socket.io`) with different
 * policies: the engine admits the union of their origins, and each namespace only its own.
 */
describe.each(ADAPTERS)('two socket.io gateways on different namespaces of one server (%s)', (_name, adapter) => {
  let running: RunningApp;
  let log: ConnectionLog;

  beforeAll(async () => {
    running = await startApp(
      adapter,
      {
        imports: [CorsModule.forRoot({ origin: [APP], policies: { admins: { origin: [ADMIN], credentials: true } }, debug: true })],
        providers: [ConnectionLog, ChatGateway, AdminGateway, TenantGateway],
      },
      (app) => void app.useWebSocketAdapter(new CorsIoAdapter(app)),
    );
    log = running.app.get(ConnectionLog);
  });
  afterAll(() => running.close());
  afterEach(() => void log.seen.splice(0));

  describe.each(['polling', 'websocket'] as const)('%s transport', (transport) => {
    it.each([
      [APP, '/', 'ChatGateway'],
      [ADMIN, '/admin', 'AdminGateway'],
    ])('%s connects to %s, served by %s', async (origin, namespace, gateway) => {
      expect(await ioAttempt(running.url, { origin, transport, namespace })).toEqual({ connected: true, echo: 'hi' });
      expect(log.seen).toEqual([gateway]);
    });

    it.each([
      [APP, '/admin'],
      [ADMIN, '/'],
    ])("%s is admitted by the engine but refused by %s's gateway: connect_error, no connection", async (origin, namespace) => {
      expect(await ioAttempt(running.url, { origin, transport, namespace })).toEqual({ connected: false, error: 'origin not allowed' });
      expect(log.seen).toEqual([]);
    });

    it('a dynamic namespace (a RegExp) is guarded by its gateway: /tenant-7 admits only its origin', async () => {
      expect(await ioAttempt(running.url, { origin: TENANT, transport, namespace: '/tenant-7' })).toEqual({ connected: true, echo: 'hi' });
      expect(await ioAttempt(running.url, { origin: APP, transport, namespace: '/tenant-7' })).toEqual({ connected: false, error: 'origin not allowed' });
      expect(log.seen).toEqual(['TenantGateway']);
    });

    it('an origin no gateway allows is refused by the engine (403) on either namespace', async () => {
      for (const namespace of ['/', '/admin']) {
        expect(await ioAttempt(running.url, { origin: EVIL, transport, namespace })).toMatchObject({ connected: false, error: expect.stringContaining('403') });
      }
      expect(log.seen).toEqual([]);
    });
  });

  it('polling responses carry the headers of the policy that allows each origin', async () => {
    const app = await send(running.url, 'GET', HANDSHAKE, { Origin: APP });
    expect([app.status, corsHeaders(app)]).toEqual([200, { 'access-control-allow-origin': [APP] }]);
    const admin = await send(running.url, 'GET', HANDSHAKE, { Origin: ADMIN });
    expect([admin.status, corsHeaders(admin)]).toEqual([200, { 'access-control-allow-origin': [ADMIN], 'access-control-allow-credentials': ['true'] }]);
  });

  it("the namespace's refusal is logged with the namespace and its gateway", async () => {
    running.logger.lines.splice(0);
    await ioAttempt(running.url, { origin: APP, transport: 'websocket', namespace: '/admin' });
    expect(running.logger.cors()).toEqual([
      `Refused WebSocket handshake from "${APP}" to socket.io /socket.io namespace /admin (AdminGateway): origin not allowed by policy "admins" on AdminGateway`,
    ]);
  });

  it('getRoutes() lists both gateways with their namespace, path, adapter and policy', () => {
    const gateways = running.app
      .get(CorsPolicyService)
      .getRoutes()
      .filter((entry): entry is GatewayCorsInfo => entry.kind === 'gateway');
    expect(gateways).toEqual([
      expect.objectContaining({
        gateway: 'ChatGateway',
        port: 0,
        path: '/socket.io',
        namespace: '/',
        adapter: 'socket.io',
        enforced: true,
        requireOrigin: false,
        enabled: true,
        origins: [APP],
        credentials: false,
        methods: ['GET', 'POST'],
        sources: { origin: 'module' },
      }),
      expect.objectContaining({
        gateway: 'AdminGateway',
        namespace: '/admin',
        origins: [ADMIN],
        credentials: true,
        sources: { origin: 'policy:admins', credentials: 'policy:admins' },
        runtimeOriginsFrom: 'admins',
      }),
      expect.objectContaining({ gateway: 'TenantGateway', namespace: String(/^\/tenant-\d+$/), origins: [TENANT], sources: { origin: 'gateway' } }),
    ]);
  });
});
