import { describe, expect, it } from '@jest/globals';
import { WebSocketGateway } from '@nestjs/websockets';
import { createServer } from 'node:net';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { CorsModule } from '../../../lib/index.js';
import { CorsIoAdapter } from '../../../lib/socket.io/index.js';
import { CorsWsAdapter } from '../../../lib/ws/index.js';
import { withDeadline } from '../../../sample/shutdown/close-server.js';
import { ADAPTERS, startApp } from '../utils/adapters.js';
import { send } from '../utils/http.js';
import { engineUrl, rawUpgrade } from './clients.js';
import { APP, ChatGateway, ConnectionLog, EVIL, WsChatGateway } from './gateways.js';

/** A port that was free a moment ago, for gateways on their own port (`@WebSocketGateway(port)`). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe.each(ADAPTERS)('gateway lifecycle (%s)', (_name, adapter) => {
  it.each(['socket.io', 'ws'] as const)('%s: a gateway on its own port is checked by its own policy, its own origin included', async (kind) => {
    const port = await freePort();
    @WebSocketGateway(port, kind === 'ws' ? { path: '/ws' } : {})
    class OwnPortGateway {}
    const running = await startApp(
      adapter,
      { imports: [CorsModule.forRoot({ origin: [APP] })], providers: [OwnPortGateway] },
      (app) => void app.useWebSocketAdapter(kind === 'ws' ? new CorsWsAdapter(app) : new CorsIoAdapter(app)),
    );
    try {
      const url = `http://127.0.0.1:${port}`;
      const path = kind === 'ws' ? '/ws' : engineUrl('transport=websocket');
      expect((await rawUpgrade(url, path, { Origin: APP })).status).toBe(101);
      expect((await rawUpgrade(url, path, { Origin: EVIL })).status).toBe(403);
      // The page of the app's own port is another origin than the gateway's port.
      expect((await rawUpgrade(url, path, { Origin: running.url })).status).toBe(403);
      expect((await rawUpgrade(url, path, { Origin: url })).status).toBe(101);
    } finally {
      await running.close();
    }
  });

  it('without CorsModule, CorsIoAdapter refuses every handshake and says why, once', async () => {
    const running = await startApp(adapter, { providers: [ConnectionLog, ChatGateway] }, (app) => void app.useWebSocketAdapter(new CorsIoAdapter(app)));
    try {
      for (const headers of [{ Origin: APP }, {}] as Record<string, string>[]) {
        expect((await send(running.url, 'GET', engineUrl('transport=polling'), headers)).status).toBe(403);
      }
      expect((await rawUpgrade(running.url, engineUrl('transport=websocket'), {})).status).toBe(403);
      expect(running.logger.cors('error')).toEqual([
        'CorsIoAdapter: CorsModule is not imported, so every WebSocket handshake is refused. Import CorsModule.forRoot() in the root module.',
      ]);
      expect(running.app.get(ConnectionLog).seen).toEqual([]);
    } finally {
      await running.close();
    }
  });

  it.each(['websocket', 'polling'] as const)('app.close() closes open socket.io clients (%s) at once', async (transport) => {
    const running = await startApp(
      adapter,
      { imports: [CorsModule.forRoot({ origin: [APP] })], providers: [ConnectionLog, ChatGateway] },
      (app) => void app.useWebSocketAdapter(new CorsIoAdapter(app)),
    );
    const socket = io(running.url, { transports: [transport], reconnection: false, extraHeaders: { Origin: APP } });
    try {
      await withDeadline('connect', new Promise((resolve) => socket.on('connect', () => resolve(undefined))), 3000);
      const disconnected = new Promise((resolve) => socket.on('disconnect', (reason) => resolve(reason)));
      await running.close();
      const reason = await withDeadline('the client sees the server go', disconnected, 3000);
      // The adapter destroys every connection it tracked (forceCloseConnections), upgraded ones too;
      // a polling client sees its pending request cut, which it reports as an error.
      expect(reason).toBe(transport === 'websocket' ? 'transport close' : 'transport error');
    } finally {
      socket.close();
    }
  });

  it('app.close() closes open ws clients at once', async () => {
    const running = await startApp(
      adapter,
      { imports: [CorsModule.forRoot({ origin: [APP] })], providers: [ConnectionLog, WsChatGateway] },
      (app) => void app.useWebSocketAdapter(new CorsWsAdapter(app)),
    );
    const socket = new WebSocket(`${running.url.replace(/^http/, 'ws')}/ws`, { origin: APP });
    try {
      await withDeadline('open', new Promise((resolve) => socket.on('open', resolve)), 3000);
      const closed = new Promise((resolve) => socket.on('close', (code) => resolve(code)));
      await running.close();
      expect(await withDeadline('the client sees the server go', closed, 3000)).toBe(1006);
    } finally {
      socket.terminate();
    }
  });
});
