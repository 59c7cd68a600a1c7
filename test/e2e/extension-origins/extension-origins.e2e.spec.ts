import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Module, Put } from '@nestjs/common';
import { CorsConfigurationError, CorsModule, CorsPolicyService } from '../../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { corsHeaders, preflight, send } from '../utils/http.js';

/** What each browser sends from an extension page (cors-protocol B21): lowercase, no port, no path. */
const CHROME = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const FIREFOX = 'moz-extension://2ab33852-d69b-4ed6-99ad-a4839dfec7ed';
const SAFARI = 'safari-web-extension://9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
/** Added at runtime with CorsPolicyService.allowOrigin. */
const RUNTIME = 'chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba';
/** A page at a trailing-dot host: Chromium sends the dot (measured), and it is its own origin. */
const DOTTED = 'https://app.example.com.';

@Controller('r')
class ResourceController {
  @Get() get() { return { ok: true }; }
  @Put() put() { return { ok: true }; }
}

@Module({
  imports: [CorsModule.forRoot({ origin: [CHROME, FIREFOX, SAFARI, DOTTED, 'https://*.tenants.example.com', 'http://localhost:*'], credentials: true, exposedHeaders: ['X-Request-Id'] })],
  controllers: [ResourceController],
})
class AppModule {}

describe.each(ADAPTERS)('extension and trailing-dot origins (%s)', (_name, create) => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp(create, AppModule);
    await running.app.get(CorsPolicyService).allowOrigin(RUNTIME);
  });
  afterAll(async () => { await running.close(); });

  it.each([
    ['Chromium extension', CHROME],
    ['Firefox extension', FIREFOX],
    ['Safari extension', SAFARI],
    ['Chromium extension added at runtime', RUNTIME],
    ['trailing-dot host, listed exactly', DOTTED],
  ])('%s: the actual request gets the exact origin with credentials, the preflight 204', async (_kind, origin) => {
    const res = await send(running.url, 'GET', '/r', { Origin: origin });
    expect(res.status).toBe(200);
    expect(corsHeaders(res)).toEqual({
      'access-control-allow-origin': [origin],
      'access-control-allow-credentials': ['true'],
      'access-control-expose-headers': ['X-Request-Id'],
    });
    expect(res.headers.vary).toEqual(['Origin']);
    const pre = await preflight(running.url, '/r', origin, 'PUT');
    expect(pre.status).toBe(204);
    expect(corsHeaders(pre)).toEqual({
      'access-control-allow-origin': [origin],
      'access-control-allow-credentials': ['true'],
      'access-control-allow-methods': ['PUT'],
    });
  });

  it.each([
    ['another Chromium extension', 'chrome-extension://bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'],
    ['uppercase id', CHROME.toUpperCase().replace('CHROME-EXTENSION', 'chrome-extension')],
    ['uppercase scheme', CHROME.replace('chrome-extension', 'Chrome-Extension')],
    ['trailing slash', `${CHROME}/`],
    ['path', `${CHROME}/popup.html`],
    ['port', `${CHROME}:443`],
    ['userinfo', `chrome-extension://evil@${CHROME.slice(19)}`],
    ['id as a subdomain', `${CHROME}.evil`],
    ['id followed by more letters', `${CHROME}p`],
    ['same id under another extension scheme', `moz-extension://${CHROME.slice(19)}`],
    ['same id on https', `https://${CHROME.slice(19)}`],
    ['uppercase Firefox UUID', FIREFOX.replace(/[a-f]/g, (c) => c.toUpperCase()).replace('MOZ-EXTENSION', 'moz-extension')],
    ['Firefox UUID in braces', `moz-extension://{${FIREFOX.slice(16)}}`],
    ['Safari UUID under moz-extension', `moz-extension://${SAFARI.slice(23)}`],
    ['list of two extensions', `${CHROME}, ${FIREFOX}`],
    ['the host without its trailing dot', 'https://app.example.com'],
    ['two trailing dots', 'https://app.example.com..'],
    ['a subdomain of the trailing-dot host', 'https://a.app.example.com.'],
    ['a pattern never matches a trailing-dot host (subdomain)', 'https://a.tenants.example.com.'],
    ['a pattern never matches a trailing-dot host (any port)', 'http://localhost.:3000'],
    ['null', 'null'],
  ])('%s (%s): no CORS headers, preflight 403', async (_kind, origin) => {
    const res = await send(running.url, 'GET', '/r', { Origin: origin });
    expect(res.status).toBe(200);
    expect(corsHeaders(res)).toEqual({});
    expect(res.headers.vary).toEqual(['Origin']);
    const pre = await preflight(running.url, '/r', origin, 'PUT');
    expect(pre.status).toBe(403);
    expect(corsHeaders(pre)).toEqual({});
  });

  it.each([
    ['chrome-extension://*', 'unsupported-pattern', 'never by pattern'],
    ['moz-extension://*', 'unsupported-pattern', 'never by pattern'],
    [CHROME.toUpperCase(), 'non-canonical-origin', `did you mean "${CHROME}"?`],
    [`${FIREFOX}/`, 'non-canonical-origin', `did you mean "${FIREFOX}"? (remove the trailing slash)`],
    ['chrome-extension://abc', 'non-canonical-origin', 'the 32-letter extension id'],
  ])('allowOrigin(%j) is refused like configuration (%s)', async (origin, code, hint) => {
    const service = running.app.get(CorsPolicyService);
    let error: unknown;
    try {
      await service.allowOrigin(origin);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(CorsConfigurationError);
    const problems = (error as CorsConfigurationError).problems;
    expect(problems.map((p) => p.code)).toEqual([code]);
    expect(problems[0]!.message).toContain(hint);
    const res = await send(running.url, 'GET', '/r', { Origin: origin });
    expect(corsHeaders(res)).toEqual({});
  });
});
