import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { CorsIoAdapter } from 'nestjs-cors/socket.io';
import { io } from 'socket.io-client';
import { AppModule, PUBLIC_ASSETS } from '../../../sample/app.module.js';
import { withDeadline } from '../../../sample/shutdown/close-server.js';
import { startFactoryApp } from '../path-policies/support.js';
import { ADAPTERS, RunningApp } from '../utils/adapters.js';
import { corsHeaders, preflight, send } from '../utils/http.js';

/** The sample app, which imports the built library by its package name, does what `npm start` prints. */
describe.each(ADAPTERS)('sample app (%s)', (_name, create) => {
  let running: RunningApp;
  const get = (path: string, origin: string) => send(running.url, 'GET', path, { Origin: origin });

  beforeAll(async () => {
    // NestFactory.create, as sample/main.ts (in a testing module ServeStaticModule serves nothing),
    // with its WebSocket adapter.
    running = await startFactoryApp(create, AppModule, (app) => void app.useWebSocketAdapter(new CorsIoAdapter(app)));
  });
  afterAll(async () => {
    await running.close();
  });

  it('module defaults', async () => {
    expect(corsHeaders(await get('/catalog', 'https://app.example.com'))).toEqual({
      'access-control-allow-origin': ['https://app.example.com'],
      'access-control-expose-headers': ['X-Request-Id'],
    });
    expect(corsHeaders(await get('/catalog', 'http://localhost:5173'))['access-control-allow-origin']).toEqual(['http://localhost:5173']);
    expect(corsHeaders(await get('/catalog', 'https://evil.example.net'))).toEqual({});
  });

  it('handler override: DELETE is admin-only', async () => {
    expect((await preflight(running.url, '/catalog/1', 'https://app.example.com', 'DELETE')).status).toBe(403);
    const admin = await preflight(running.url, '/catalog/1', 'https://admin.example.com', 'DELETE');
    expect(admin.status).toBe(204);
    expect(admin.headers['access-control-allow-credentials']).toEqual(['true']);
  });

  it('named policy, adjusted per handler', async () => {
    expect((await get('/partners/feed', 'https://partner.example.org')).headers['access-control-allow-origin']).toEqual([
      'https://partner.example.org',
    ]);
    const pre = await preflight(running.url, '/partners/prices', 'https://partner.example.org', 'GET', 'x-partner-key');
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-max-age']).toEqual(['60']);
  });

  it('subdomain pattern', async () => {
    expect((await get('/widgets', 'https://clock.widgets.example.com')).headers['access-control-allow-origin']).toEqual([
      'https://clock.widgets.example.com',
    ]);
    expect(corsHeaders(await get('/widgets', 'https://widgets.example.com'))).toEqual({});
  });

  it('async check backed by an injected service', async () => {
    const res = await get('/storefront/config', 'https://shop.acme.test');
    expect(res.headers['access-control-allow-origin']).toEqual(['https://shop.acme.test']);
    expect(res.headers['access-control-allow-credentials']).toEqual(['true']);
  });

  it('@Cors(false)', async () => {
    expect(corsHeaders(await get('/health', 'https://app.example.com'))).toEqual({});
  });

  it('runtime origins through the admin endpoints, whose preflight passes before the auth guard', async () => {
    const pre = await preflight(running.url, '/admin/cors/origins', 'https://admin.example.com', 'POST', 'authorization,content-type');
    expect(pre.status).toBe(204);
    const unauthorized = await send(
      running.url,
      'POST',
      '/admin/cors/origins',
      { Origin: 'https://admin.example.com', 'Content-Type': 'application/json' },
      '{}',
    );
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers['access-control-allow-origin']).toEqual(['https://admin.example.com']);
    const auth = { Authorization: 'Bearer sample-admin', 'Content-Type': 'application/json' };
    const body = JSON.stringify({ origin: 'https://new.example.com' });
    expect((await send(running.url, 'POST', '/admin/cors/origins', auth, body)).status).toBe(201);
    expect((await get('/catalog', 'https://new.example.com')).headers['access-control-allow-origin']).toEqual(['https://new.example.com']);
    expect((await send(running.url, 'DELETE', '/admin/cors/origins', auth, body)).status).toBe(200);
    expect(corsHeaders(await get('/catalog', 'https://new.example.com'))).toEqual({});
  });

  it('the last refusals (onDecision into DecisionLog) and the origin report, through the admin API', async () => {
    await get('/widgets?sample-check=1', 'https://widgets.example.com');
    const auth = { Authorization: 'Bearer sample-admin' };
    const decisions = JSON.parse((await send(running.url, 'GET', '/admin/cors/decisions?refused=true', auth)).body) as Array<Record<string, unknown>>;
    expect(decisions.find((d) => d.url === '/widgets?sample-check=1')).toMatchObject({
      transport: 'http',
      kind: 'actual',
      endpoint: { kind: 'route', label: 'GET /widgets (WidgetsController.list)', route: '/widgets' },
      policy: 'inline',
      origin: 'https://widgets.example.com',
      verdict: 'refused',
      reason: 'origin-not-allowed',
      detail: 'origin not allowed by @Cors() on WidgetsController',
    });
    const report = JSON.parse((await send(running.url, 'GET', '/admin/cors/origin-report', auth)).body) as Array<{ policy: string; origins: Array<{ origin: string }> }>;
    expect(report.find((r) => r.policy === 'inline')!.origins.map((o) => o.origin)).toContain('https://widgets.example.com');
  });

  it('the socket.io gateway /live: policy "web" (websockets.policy) checks the handshake', async () => {
    const pong = async (origin: string) => {
      const socket = io(`${running.url}/live`, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { Origin: origin } });
      try {
        return await withDeadline(
          'the /live client',
          new Promise((resolve) => {
            socket.on('connect', () => socket.emit('ping', 'x'));
            socket.on('pong', (data: unknown) => resolve(['pong', data]));
            socket.on('connect_error', (error: Error) => resolve(['connect_error', error.message]));
          }),
        );
      } finally {
        socket.close();
      }
    };
    expect(await pong('https://app.example.com')).toEqual(['pong', 'x']);
    expect(await pong('http://localhost:5173')).toEqual(['pong', 'x']);
    expect(await pong('https://evil.example.net')).toEqual(['connect_error', 'websocket error']);
    const polling = await send(running.url, 'GET', '/socket.io/?EIO=4&transport=polling', { Origin: 'https://app.example.com' });
    expect(corsHeaders(polling)).toEqual({ 'access-control-allow-origin': ['https://app.example.com'], 'access-control-allow-credentials': ['true'], 'access-control-expose-headers': ['X-Request-Id'] });
  });

  describe('paths: Apollo at /graphql under the credentialed policy "web"', () => {
    const WEB = 'http://localhost:5173';
    const graphql = (origin: string, query: string, cookie?: string) =>
      send(
        running.url,
        'POST',
        '/graphql',
        { Origin: origin, 'Content-Type': 'application/json', ...(cookie === undefined ? {} : { Cookie: cookie }) },
        JSON.stringify({ query }),
      );

    it('preflight from an origin of "web": 204 with credentials, answered before Apollo', async () => {
      const res = await preflight(running.url, '/graphql', WEB, 'POST', 'content-type');
      expect(res.status).toBe(204);
      expect(corsHeaders(res)).toEqual({
        'access-control-allow-origin': [WEB],
        'access-control-allow-methods': ['POST'],
        'access-control-allow-credentials': ['true'],
        'access-control-allow-headers': ['content-type'],
        'access-control-max-age': ['600'],
      });
      expect(res.headers.vary).toEqual(['Origin, Access-Control-Request-Method, Access-Control-Request-Headers']);
    });

    it('preflight from another origin, or for a method outside GET, HEAD, POST: 403 with no Access-Control-*', async () => {
      for (const res of [
        await preflight(running.url, '/graphql', 'https://evil.example.net', 'POST', 'content-type'),
        await preflight(running.url, '/graphql', WEB, 'PUT'),
      ]) {
        expect(res.status).toBe(403);
        expect(corsHeaders(res)).toEqual({});
      }
    });

    it('signIn sets the session cookie, and me reads it back, with credentials allowed', async () => {
      const signIn = await graphql(WEB, 'mutation { signIn(name: "ada") }');
      expect(signIn.status).toBe(200);
      expect(JSON.parse(signIn.body)).toEqual({ data: { signIn: 'ada' } });
      expect(signIn.headers['set-cookie']).toEqual(['sample_user=ada; Path=/; HttpOnly; SameSite=None; Secure; Partitioned']);
      expect(corsHeaders(signIn)).toEqual({
        'access-control-allow-origin': [WEB],
        'access-control-allow-credentials': ['true'],
        'access-control-expose-headers': ['X-Request-Id'],
      });
      expect(signIn.headers.vary).toEqual(['Origin']);

      const me = await graphql(WEB, '{ me widgets { id name } }', 'sample_user=ada');
      expect(JSON.parse(me.body)).toEqual({ data: { me: 'ada', widgets: [{ id: '1', name: 'clock' }, { id: '2', name: 'weather' }] } });
      expect(me.header('access-control-allow-credentials')).toBe('true');
      expect(JSON.parse((await graphql(WEB, '{ me }')).body)).toEqual({ data: { me: null } });
    });

    it("a refused origin's query still runs (CORS is the browser's to enforce) but gets no permission", async () => {
      const res = await graphql('https://evil.example.net', '{ widgets { id } }');
      expect(res.status).toBe(200);
      expect(corsHeaders(res)).toEqual({});
      expect(res.headers.vary).toEqual(['Origin']);
    });

    it("Apollo's own errors carry the permission: an invalid query, an invalid sign-in name", async () => {
      const invalid = await graphql(WEB, '{ nope }');
      expect(invalid.status).toBe(400);
      expect(invalid.header('access-control-allow-origin')).toBe(WEB);
      expect(invalid.header('access-control-allow-credentials')).toBe('true');
      const badName = await graphql(WEB, 'mutation { signIn(name: "a;b") }');
      expect(JSON.parse(badName.body).errors[0].message).toBe('name: 1 to 32 letters, digits, _ or -');
      expect(badName.headers['set-cookie']).toBeUndefined();
      expect(badName.header('access-control-allow-origin')).toBe(WEB);
    });
  });

  describe("paths: ServeStaticModule's files at /assets/* for any origin", () => {
    it('a JSON file, for any origin, without credentials', async () => {
      const res = await get('/assets/widgets.json', 'https://anyone.example');
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual(JSON.parse(readFileSync(`${PUBLIC_ASSETS}/widgets.json`, 'utf8')));
      expect(corsHeaders(res)).toEqual({
        'access-control-allow-origin': ['*'],
        'access-control-expose-headers': ['X-Request-Id'],
      });
      // '*' does not depend on the origin: nothing to vary on.
      expect(res.headers.vary).toBeUndefined();
    });

    it("serve-static's 404 is readable too", async () => {
      const res = await get('/assets/missing.json', 'https://anyone.example');
      expect(res.status).toBe(404);
      expect(res.header('access-control-allow-origin')).toBe('*');
    });

    it('a preflight for GET: 204 with *; for PUT: 403', async () => {
      const pre = await preflight(running.url, '/assets/widgets.json', 'https://anyone.example', 'GET', 'x-request-id');
      expect(pre.status).toBe(204);
      expect(corsHeaders(pre)).toEqual({
        'access-control-allow-origin': ['*'],
        'access-control-allow-methods': ['GET'],
        'access-control-allow-headers': ['x-request-id'],
        'access-control-max-age': ['600'],
      });
      const put = await preflight(running.url, '/assets/widgets.json', 'https://anyone.example', 'PUT');
      expect(put.status).toBe(403);
      expect(corsHeaders(put)).toEqual({});
    });
  });
});
