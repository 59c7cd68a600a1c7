import type { INestApplicationContext } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { WsAdapter } from '@nestjs/platform-ws';
import { markCorsAdapter } from '../internal/websocket/adapter-marker.js';
import { HandshakeGate } from '../internal/websocket/handshake-gate.js';
import { tableResolver } from '../internal/platform/table-resolver.js';
import { AppVerifyClient, verifyClientFor } from '../internal/websocket/ws-verify-client.js';

/** The ws server and client as seen here. */
interface WsServerLike {
  on(event: 'connection', listener: (client: { once(event: 'close', fn: () => void): unknown; close(code: number, reason: string): void }, request: IncomingMessage) => void): unknown;
}

/**
 * Nest's `WsAdapter`, with every ws gateway under CorsModule: an upgrade whose `Origin` the
 * gateway's policy refuses is answered `HTTP/1.1 403 Forbidden` and its socket closed, before
 * any connection exists. A `verifyClient` in the gateway options still runs, after this check.
 *
 * ```ts
 * app.useWebSocketAdapter(new CorsWsAdapter(app));
 * ```
 * @publicApi
 */
export class CorsWsAdapter extends WsAdapter {
  private readonly gate: HandshakeGate;

  constructor(app: INestApplicationContext, options?: ConstructorParameters<typeof WsAdapter>[1]) {
    super(app, options);
    this.gate = new HandshakeGate(tableResolver(app, 'CorsWsAdapter'));
    markCorsAdapter(this, 'ws');
  }

  /** Creates the gateway's ws server with CorsModule's `verifyClient`. */
  override create(port: number, options?: Parameters<WsAdapter['create']>[1]): ReturnType<WsAdapter['create']> {
    const { verifyClient, ...rest } = options ?? {};
    if (rest.server !== undefined) {
      // Nest strips `server` from gateway options; a direct call with a server of the caller's own
      // would be returned as it is, never calling our verifyClient: refused rather than left unchecked.
      throw new Error('CorsWsAdapter cannot check the handshakes of a server it did not create: remove the `server` option');
    }
    const scope = { transport: 'ws' as const, port, path: rest.path };
    const server = super.create(port, { ...rest, verifyClient: verifyClientFor(this.gate, scope, verifyClient as AppVerifyClient | undefined) }) as WsServerLike;
    // With closeOnRevoke, a revoked origin's connections are closed (1008: policy violation).
    server.on('connection', (client, request) => {
      client.once('close', this.gate.track({ request, scope, close: () => client.close(1008, 'origin not allowed') }));
    });
    return server;
  }
}
