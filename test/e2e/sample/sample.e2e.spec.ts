import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CorsIoAdapter } from 'nestjs-cors/socket.io';
import { io } from 'socket.io-client';
import { AppModule } from '../../../sample/app.module.js';
import { withDeadline } from '../../../sample/shutdown/close-server.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { corsHeaders, preflight, send } from '../utils/http.js';

/** The sample app, which imports the built library by its package name, does what `npm start` prints. */
describe.each(ADAPTERS)('sample app (%s)', (_name, create) => {
  let running: RunningApp;
  const get = (path: string, origin: string) => send(running.url, 'GET', path, { Origin: origin });

  beforeAll(async () => {
    // As sample/main.ts does.
    running = await startApp(create, AppModule, (app) => void app.useWebSocketAdapter(new CorsIoAdapter(app)));
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

  it('the socket.io gateway /live: policy "live" (websockets.policy) checks the handshake', async () => {
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
    expect(corsHeaders(polling)).toEqual({ 'access-control-allow-origin': ['https://app.example.com'], 'access-control-allow-credentials': ['true'] });
  });
});
