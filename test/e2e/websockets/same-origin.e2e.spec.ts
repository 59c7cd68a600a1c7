import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CorsModule } from '../../../lib/index.js';
import { CorsIoAdapter } from '../../../lib/socket.io/index.js';
import { CorsWsAdapter } from '../../../lib/ws/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { send } from '../utils/http.js';
import { rawRequest } from '../utils/raw-request.js';
import { engineUrl, rawUpgrade } from './clients.js';
import { APP, ChatGateway, ConnectionLog, WsChatGateway } from './gateways.js';

const PUBLIC = 'https://api.example.com';

/**
 * How the server's own origin is found (the scheme of the connection and `Host`), what a proxy
 * must forward, and that hostile values in these headers refuse instead of crashing anything.
 */
describe.each(ADAPTERS)('same-origin handshakes and proxies (%s)', (_name, adapter) => {
  describe.each([
    ['socket.io', false],
    ['ws', false],
    ['socket.io', true],
    ['ws', true],
  ] as const)('%s, trustForwardedHeaders: %s', (kind, trust) => {
    let running: RunningApp;

    beforeAll(async () => {
      running = await startApp(
        adapter,
        {
          imports: [CorsModule.forRoot({ origin: [APP], websockets: { trustForwardedHeaders: trust } })],
          providers: [ConnectionLog, kind === 'socket.io' ? ChatGateway : WsChatGateway],
        },
        (app) => void app.useWebSocketAdapter(kind === 'socket.io' ? new CorsIoAdapter(app) : new CorsWsAdapter(app)),
      );
    });
    afterAll(() => running.close());

    const admitted = kind === 'socket.io' ? 200 : 101;
    /** The status of a polling handshake (socket.io) or an upgrade (ws) with these headers. */
    const status = async (headers: Record<string, string>) =>
      kind === 'socket.io' ? (await send(running.url, 'GET', engineUrl('transport=polling'), headers)).status : (await rawUpgrade(running.url, '/ws', headers)).status;

    it('the own origin is http://<Host> on a plain connection, whatever the policy', async () => {
      const host = new URL(running.url).host;
      expect(await status({ Origin: `http://${host}` })).toBe(admitted);
      expect(await status({ Origin: `https://${host}` })).toBe(403);
    });

    it(`behind a TLS proxy: the public origin is ${trust ? 'admitted from' : 'refused despite'} X-Forwarded-Proto and X-Forwarded-Host`, async () => {
      const forwarded = { Origin: PUBLIC, 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'api.example.com' };
      expect(await status(forwarded)).toBe(trust ? admitted : 403);
      // Only the first value counts; a client cannot append its way in.
      expect(await status({ ...forwarded, 'X-Forwarded-Host': 'api.example.com, evil.example.net' })).toBe(trust ? admitted : 403);
      expect(await status({ ...forwarded, 'X-Forwarded-Proto': 'http' })).toBe(403);
    });

    /** The status of a polling handshake or an upgrade sent with exactly this Host and Origin. */
    const withHost = async (host: string, origin: string) => {
      if (kind === 'ws') return (await rawUpgrade(running.url, '/ws', { Host: host, Origin: origin })).status;
      const head = `GET ${engineUrl('transport=polling')} HTTP/1.1\r\nHost: ${host}\r\nOrigin: ${origin}\r\nConnection: close\r\n\r\n`;
      return (await rawRequest(running.url, head)).status;
    };

    // Each Origin equals "http://" + Host, so a check that builds the own origin from any Host
    // value would admit it: only a plain authority (host[:port]) makes an own origin.
    it.each([
      ['a path', 'evil.example.net/x'],
      ['userinfo', 'u@evil.example.net'],
      ['a list', 'evil.example.net, other.example'],
      ['uppercase and a default port, from a browser that would never send them', 'EVIL.example.net:80'],
    ])('a Host with %s makes no own origin: refused, and the server goes on', async (what, host) => {
      const origin = what.startsWith('uppercase') ? 'http://evil.example.net' : `http://${host}`;
      // Nest's WsAdapter itself answers 400 to a Host that makes no URL (a list) before any check.
      const refused = kind === 'ws' && what === 'a list' ? 400 : 403;
      expect(await withHost(host, origin)).toBe(what.startsWith('uppercase') ? admitted : refused);
      expect(await status({ Origin: APP })).toBe(admitted);
    });

    it.each([
      ['a forwarded scheme that is not http(s)', { Origin: 'ftp://api.example.com', 'X-Forwarded-Proto': 'ftp', 'X-Forwarded-Host': 'api.example.com' }],
      ['an Origin over 326 bytes', { Origin: `https://${'a'.repeat(400)}.example.com` }],
    ])('%s is refused, and the server goes on', async (_what, headers) => {
      expect(await status(headers)).toBe(403);
      expect(await status({ Origin: APP })).toBe(admitted);
    });
  });
});
