import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { CorsModule } from '../../../lib/index.js';
import { CorsIoAdapter } from '../../../lib/socket.io/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { corsHeaders, send } from '../utils/http.js';
import { engineUrl, ioAttempt, rawUpgrade } from './clients.js';
import { APP, ChatGateway, ConnectionLog, EVIL } from './gateways.js';

const HANDSHAKE = engineUrl('transport=polling');
const UPGRADE = engineUrl('transport=websocket');
/** What CorsIoAdapter writes on the raw socket when it refuses an upgrade (then it closes the connection). */
const REFUSED_UPGRADE_HEAD = 'HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0';

/** Header names of a response, without the ones every Node response has. */
const namesOf = (headers: Record<string, string[]>) => Object.keys(headers).filter((name) => name !== 'date' && name !== 'connection').sort();

/** The session id of an engine.io handshake body (`0{"sid":...}`). */
const sidOf = (body: string) => (JSON.parse(body.slice(1)) as { sid: string }).sid;

describe.each(ADAPTERS)('socket.io gateway behind CorsIoAdapter (%s)', (_name, adapter) => {
  let running: RunningApp;
  let log: ConnectionLog;

  beforeAll(async () => {
    running = await startApp(
      adapter,
      {
        imports: [CorsModule.forRoot({ origin: [APP], credentials: true, maxAge: 600, exposedHeaders: ['X-Request-Id'], debug: true })],
        providers: [ConnectionLog, ChatGateway],
      },
      (app) => void app.useWebSocketAdapter(new CorsIoAdapter(app)),
    );
    log = running.app.get(ConnectionLog);
  });
  afterAll(() => running.close());
  afterEach(() => void log.seen.splice(0));

  describe.each(['polling', 'websocket'] as const)('%s transport', (transport) => {
    it('an allowed origin connects and exchanges a message', async () => {
      expect(await ioAttempt(running.url, { origin: APP, transport })).toEqual({ connected: true, echo: 'hi' });
      expect(log.seen).toEqual(['ChatGateway']);
    });

    it('a refused origin gets 403 and the gateway sees no connection', async () => {
      const error = transport === 'polling' ? 'xhr poll error (403)' : 'websocket error (Unexpected server response: 403)';
      expect(await ioAttempt(running.url, { origin: EVIL, transport })).toEqual({ connected: false, error });
      expect(log.seen).toEqual([]);
    });

    it('a client without Origin (not a browser) is admitted', async () => {
      expect(await ioAttempt(running.url, { transport })).toEqual({ connected: true, echo: 'hi' });
      expect(log.seen).toEqual(['ChatGateway']);
    });

    it("the server's own origin (scheme of the connection + Host) is admitted without being in the policy", async () => {
      expect(await ioAttempt(running.url, { origin: running.url, transport })).toEqual({ connected: true, echo: 'hi' });
    });

    it.each(['null', 'https://APP.example.com', `${APP}, ${EVIL}`])('Origin %j is refused', async (origin) => {
      expect(await ioAttempt(running.url, { origin, transport })).toMatchObject({ connected: false });
      expect(log.seen).toEqual([]);
    });
  });

  it('the polling handshake of a refused origin: 403, empty body, Vary: Origin, no Access-Control-*', async () => {
    const res = await send(running.url, 'GET', HANDSHAKE, { Origin: EVIL });
    expect(res.status).toBe(403);
    expect(namesOf(res.headers)).toEqual(['content-length', 'vary']);
    expect([res.header('vary'), res.header('content-length'), res.body]).toEqual(['Origin', '0', '']);
    expect(log.seen).toEqual([]);
  });

  it.each(['sid=', 'sid=abc&sid=', 'sid&x=1'])('a refused origin cannot pass a handshake off as a session with ?%s: 403, no session', async (query) => {
    const res = await send(running.url, 'GET', engineUrl(`transport=polling&${query}`), { Origin: EVIL });
    expect(res.status).toBe(403);
    expect(namesOf(res.headers)).toEqual(['content-length', 'vary']);
    expect(res.body).toBe('');
    expect(log.seen).toEqual([]);
  });

  it('the websocket upgrade of a refused origin: 403 on the raw socket, which the server then closes', async () => {
    const res = await rawUpgrade(running.url, UPGRADE, { Origin: EVIL });
    expect(res).toEqual({ head: REFUSED_UPGRADE_HEAD, body: '', status: 403, closedByServer: true });
    const allowed = await rawUpgrade(running.url, UPGRADE, { Origin: APP });
    expect(allowed.status).toBe(101);
  });

  it('an upgrade of an open session is checked too: a refused origin cannot take over a session', async () => {
    const handshake = await send(running.url, 'GET', HANDSHAKE, { Origin: APP });
    const sid = sidOf(handshake.body);
    const res = await rawUpgrade(running.url, engineUrl(`transport=websocket&sid=${sid}`), { Origin: EVIL });
    expect([res.head, res.closedByServer]).toEqual([REFUSED_UPGRADE_HEAD, true]);
  });

  it('polling responses of an allowed origin carry its origin, credentials, exposed headers and Vary: Origin (as an HTTP route\'s responses), and nothing else of CORS', async () => {
    const handshake = await send(running.url, 'GET', HANDSHAKE, { Origin: APP });
    expect(handshake.status).toBe(200);
    const expected = { 'access-control-allow-origin': [APP], 'access-control-allow-credentials': ['true'], 'access-control-expose-headers': ['X-Request-Id'] };
    expect(corsHeaders(handshake)).toEqual(expected);
    expect(handshake.headers.vary).toEqual(['Origin']);
    const sid = sidOf(handshake.body);
    const post = await send(running.url, 'POST', engineUrl(`transport=polling&sid=${sid}`), { Origin: APP, 'Content-Type': 'text/plain;charset=UTF-8' }, '40');
    expect([post.status, post.body]).toEqual([200, 'ok']);
    expect(corsHeaders(post)).toEqual(expected);
    expect(post.headers.vary).toEqual(['Origin']);
    const poll = await send(running.url, 'GET', engineUrl(`transport=polling&sid=${sid}`), { Origin: APP });
    expect(poll.status).toBe(200);
    expect(poll.body).toMatch(/^40\{"sid":"[^"]+"\}$/);
    expect(corsHeaders(poll)).toEqual(expected);
    expect(poll.headers.vary).toEqual(['Origin']);
  });

  it('polling responses without Origin, or from the own origin, carry Vary: Origin only', async () => {
    for (const headers of [{}, { Origin: running.url }] as Record<string, string>[]) {
      const res = await send(running.url, 'GET', HANDSHAKE, headers);
      expect(res.status).toBe(200);
      expect(corsHeaders(res)).toEqual({});
      expect(res.headers.vary).toEqual(['Origin']);
    }
  });

  it('a polling preflight of an allowed origin is answered here, with the exact headers of an HTTP route', async () => {
    const res = await send(running.url, 'OPTIONS', HANDSHAKE, {
      Origin: APP,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization,x-client',
    });
    expect(res.status).toBe(204);
    expect(corsHeaders(res)).toEqual({
      'access-control-allow-origin': [APP],
      'access-control-allow-credentials': ['true'],
      'access-control-allow-methods': ['POST'],
      'access-control-allow-headers': ['authorization, x-client'],
      'access-control-max-age': ['600'],
    });
    expect(res.headers.vary).toEqual(['Origin, Access-Control-Request-Method, Access-Control-Request-Headers']);
    // RFC 9110 §8.6: no Content-Length on a 204, as on the HTTP routes' preflights.
    expect([res.header('content-length'), res.body]).toEqual([undefined, '']);
  });

  it.each([
    ['a refused origin', EVIL, 'GET'],
    ['a method the transport does not use', APP, 'PUT'],
    ['Origin null', 'null', 'GET'],
  ])('a polling preflight of %s: 403, no Access-Control-*', async (_what, origin, method) => {
    const res = await send(running.url, 'OPTIONS', HANDSHAKE, { Origin: origin, 'Access-Control-Request-Method': method });
    expect(res.status).toBe(403);
    expect(corsHeaders(res)).toEqual({});
    expect(res.headers.vary).toEqual(['Origin, Access-Control-Request-Method, Access-Control-Request-Headers']);
    expect(res.body).toBe('');
  });

  it('debug: each refused handshake is logged with the origin, the gateway and the reason', async () => {
    running.logger.lines.splice(0);
    await send(running.url, 'GET', HANDSHAKE, { Origin: EVIL });
    await rawUpgrade(running.url, UPGRADE, {});
    expect(running.logger.cors()).toEqual([
      `Refused WebSocket handshake from "${EVIL}" to socket.io /socket.io (ChatGateway): origin not allowed by the module defaults on ChatGateway`,
    ]);
  });
});

describe.each(ADAPTERS)('socket.io with websockets.requireOrigin (%s)', (_name, adapter) => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp(
      adapter,
      { imports: [CorsModule.forRoot({ origin: [APP], websockets: { requireOrigin: true } })], providers: [ConnectionLog, ChatGateway] },
      (app) => void app.useWebSocketAdapter(new CorsIoAdapter(app)),
    );
  });
  afterAll(() => running.close());

  it.each(['polling', 'websocket'] as const)('%s: a client without Origin is refused; allowed and own origins still connect', async (transport) => {
    expect(await ioAttempt(running.url, { transport })).toMatchObject({ connected: false });
    expect(await ioAttempt(running.url, { origin: APP, transport })).toEqual({ connected: true, echo: 'hi' });
    expect(await ioAttempt(running.url, { origin: running.url, transport })).toEqual({ connected: true, echo: 'hi' });
    expect(running.app.get(ConnectionLog).seen).toEqual(['ChatGateway', 'ChatGateway']);
    running.app.get(ConnectionLog).seen.splice(0);
  });

  it('the raw answers without Origin: 403 on the polling handshake and on the upgrade', async () => {
    const polling = await send(running.url, 'GET', HANDSHAKE);
    expect([polling.status, corsHeaders(polling), polling.body]).toEqual([403, {}, '']);
    expect(await rawUpgrade(running.url, UPGRADE, {})).toEqual({ head: REFUSED_UPGRADE_HEAD, body: '', status: 403, closedByServer: true });
  });
});
