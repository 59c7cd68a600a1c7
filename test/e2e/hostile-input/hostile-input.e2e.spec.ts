import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Module, Put } from '@nestjs/common';
import { CorsModule } from '../../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { corsHeaders, preflight, send } from '../utils/http.js';
import { rawRequest } from '../utils/raw-request.js';

const ALLOWED = 'https://app.example.com';

@Controller('r')
class ResourceController {
  @Get() get() { return { ok: true }; }
  @Put() put() { return { ok: true }; }
}

@Module({
  imports: [CorsModule.forRoot({ origin: [ALLOWED, 'https://*.tenants.example.com', /^https:\/\/[a-z]+\.regex\.example\.com$/], credentials: true })],
  controllers: [ResourceController],
})
class AppModule {}

describe.each(ADAPTERS)('hostile input (%s)', (_name, create) => {
  let running: RunningApp;
  beforeAll(async () => { running = await startApp(create, AppModule); });
  afterAll(async () => { await running.close(); });

  describe('origin tricks never get permission', () => {
    it.each([
      ['suffix', 'https://evilapp.example.com'],
      ['prefix', 'https://app.example.com.evil.net'],
      ['infix', 'https://app-example.com'],
      ['uppercase', 'https://APP.example.com'],
      ['scheme case', 'HTTPS://app.example.com'],
      ['other scheme', 'http://app.example.com'],
      ['default port', 'https://app.example.com:443'],
      ['other port', 'https://app.example.com:8443'],
      ['trailing slash', 'https://app.example.com/'],
      ['trailing dot', 'https://app.example.com.'],
      ['path', 'https://app.example.com/x'],
      ['userinfo', 'https://user@app.example.com'],
      ['null', 'null'],
      ['list', `${ALLOWED}, https://evil.example.net`],
      ['list reversed', `https://evil.example.net, ${ALLOWED}`],
      ['space list', `${ALLOWED} https://evil.example.net`],
      ['percent-encoded', 'https://app%2eexample.com'],
      ['look-alike (Cyrillic a, as latin1 bytes)', 'https://\u00d0\u00b0pp.example.com'],
      ['pattern apex', 'https://tenants.example.com'],
      ['pattern suffix', 'https://eviltenants.example.com'],
      ['regex suffix trick', 'https://a.regex.example.com.evil.net'],
      ['regex with list', 'https://a.regex.example.com, https://b.regex.example.com'],
      ['long', `https://${'a'.repeat(8000)}.example.com`],
    ])('%s: %s', async (_kind, origin) => {
      const res = await send(running.url, 'GET', '/r', { Origin: origin });
      expect(res.status).toBe(200);
      expect(corsHeaders(res)).toEqual({});
      expect(res.headers.vary).toEqual(['Origin']);
      const pre = await preflight(running.url, '/r', origin, 'PUT');
      expect(pre.status).toBe(403);
      expect(corsHeaders(pre)).toEqual({});
    });

    it('two Origin lines, even both allowed, never match', async () => {
      const res = await send(running.url, 'GET', '/r', [['Origin', ALLOWED], ['Origin', ALLOWED]]);
      expect(res.status).toBe(200);
      expect(corsHeaders(res)).toEqual({});
    });

    it('whitespace around Origin is trimmed by Node, so the padded value is the allowed origin', async () => {
      const res = await rawRequest(running.url, `GET /r HTTP/1.1\r\nHost: x\r\nOrigin: \t ${ALLOWED} \t\r\nConnection: close\r\n\r\n`);
      expect(res.status).toBe(200);
      expect(res.head.toLowerCase()).toContain(`access-control-allow-origin: ${ALLOWED}`);
    });

    it('control characters in Origin are refused by Node itself or get no permission', async () => {
      const res = await rawRequest(running.url, `GET /r HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example.com\x01\r\nConnection: close\r\n\r\n`);
      expect(res.status).toBeLessThan(500);
      expect(res.head.toLowerCase()).not.toContain('access-control-allow-origin');
    });

    it('non-ASCII bytes in Origin get no permission and no 5xx', async () => {
      const res = await rawRequest(running.url, `GET /r HTTP/1.1\r\nHost: x\r\nOrigin: https://\xe4pp.example.com\r\nConnection: close\r\n\r\n`);
      expect(res.status).toBe(200);
      expect(res.head.toLowerCase()).not.toContain('access-control-allow-origin');
    });

    it.each(['https://a.tenants.example.com', 'https://x.regex.example.com'])('the real thing still works: %s', async (origin) => {
      const res = await send(running.url, 'GET', '/r', { Origin: origin });
      expect(res.headers['access-control-allow-origin']).toEqual([origin]);
      expect(res.headers['access-control-allow-credentials']).toEqual(['true']);
    });
  });

  describe('Access-Control-Request-Headers and -Method', () => {
    it.each([
      ['empty items and spaces', 'x-a, ,, x-b ,\tx-c', 'x-a, x-b, x-c'],
      ['upper case names are echoed lowercased', 'X-Api-Key', 'x-api-key'],
      ['content-type', 'content-type', 'content-type'],
    ])('%s', async (_kind, requested, echoed) => {
      const res = await preflight(running.url, '/r', ALLOWED, 'PUT', requested);
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-headers']).toEqual([echoed]);
    });

    it('repeated ACRH lines are joined and accepted', async () => {
      const res = await send(running.url, 'OPTIONS', '/r', [
        ['Origin', ALLOWED],
        ['Access-Control-Request-Method', 'PUT'],
        ['Access-Control-Request-Headers', 'x-a'],
        ['Access-Control-Request-Headers', 'x-b'],
      ]);
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-headers']).toEqual(['x-a, x-b']);
    });

    it.each([
      ['a header name with a space', 'x a'],
      ['a non-token character', 'x-a, x(b)'],
      ['a thousand names', Array.from({ length: 1000 }, () => 'x').join(',')],
      ['15 KB of commas', ','.repeat(15000)],
      ['a value at Node\'s size limit', `x-${'a'.repeat(15000)}`],
    ])('%s is refused with 403 and no permission', async (_kind, requested) => {
      const res = await preflight(running.url, '/r', ALLOWED, 'PUT', requested);
      expect(res.status).toBe(403);
      expect(corsHeaders(res)).toEqual({});
    });

    it.each([
      ['two methods joined from repeated lines', [['Access-Control-Request-Method', 'PUT'], ['Access-Control-Request-Method', 'GET']]],
      ['a lowercase method', [['Access-Control-Request-Method', 'put']]],
      ['a non-token method', [['Access-Control-Request-Method', 'P UT']]],
    ] as const)('%s is refused', async (_kind, lines) => {
      const res = await send(running.url, 'OPTIONS', '/r', [['Origin', ALLOWED], ...lines.map(([n, v]) => [n, v] as [string, string])]);
      expect(res.status).toBe(403);
      expect(corsHeaders(res)).toEqual({});
    });
  });

  it('the app still answers normally after all of that', async () => {
    const res = await send(running.url, 'GET', '/r', { Origin: ALLOWED });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toEqual([ALLOWED]);
  });
});
