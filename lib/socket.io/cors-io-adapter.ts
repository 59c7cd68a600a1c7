import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { markCorsAdapter } from '../internal/websocket/adapter-marker.js';
import { HandshakeGate } from '../internal/websocket/handshake-gate.js';
import type { HandshakeScope } from '../internal/websocket/handshake-scope.js';
import { engineMiddleware } from '../internal/websocket/socket-io-engine.js';
import { NamespaceLike, guardNamespace } from '../internal/websocket/socket-io-namespace.js';
import { tableResolver } from '../internal/platform/table-resolver.js';

// socket.io's types are taken from Nest's `IoAdapter` (its own copy of socket.io), and written
// out in the public signatures below rather than named by aliases the package does not export.
type IoServerOptions = NonNullable<Parameters<IoAdapter['createIOServer']>[1]>;

/**
 * Nest's `IoAdapter`, with every socket.io gateway under CorsModule: handshakes and upgrades
 * from origins the gateway's policy refuses get 403 before any connection exists, each
 * namespace admits only what its own gateways allow (`connect_error` otherwise), and the
 * long-polling transport gets the same CORS headers and preflight answers as HTTP routes.
 * socket.io's own `cors` option is ignored (CorsModule decides instead).
 *
 * ```ts
 * app.useWebSocketAdapter(new CorsIoAdapter(app));
 * ```
 * Extend it (instead of `IoAdapter`) to add a socket.io adapter such as Redis in `createIOServer`.
 * @publicApi
 */
export class CorsIoAdapter extends IoAdapter {
  private readonly gate: HandshakeGate;
  private readonly guarded = new WeakSet<object>();

  constructor(app: INestApplicationContext) {
    super(app);
    this.gate = new HandshakeGate(tableResolver(app, 'CorsIoAdapter'));
    markCorsAdapter(this, 'socket.io');
  }

  /** Creates the server, or a namespace of it, each namespace guarded by its gateways' policies. */
  override create(port: number, options?: Parameters<IoAdapter['create']>[1]): ReturnType<IoAdapter['create']> {
    const created = super.create(port, options);
    if (options?.namespace !== undefined) {
      this.guard(created as unknown as NamespaceLike, { transport: 'socket.io', port, path: options.path, namespace: options.namespace });
    }
    return created;
  }

  /** Creates the socket.io server without its own `cors` handling, with CorsModule's engine middleware and root namespace guard. */
  override createIOServer(port: number, options?: Parameters<IoAdapter['createIOServer']>[1]): ReturnType<IoAdapter['createIOServer']> {
    // socket.io's own CORS (the `cors` package's rules) would answer beside CorsModule: dropped.
    const rest = { ...options } as IoServerOptions;
    delete rest.cors;
    const server = super.createIOServer(port, rest);
    const scope: HandshakeScope = { transport: 'socket.io', port, path: options?.path };
    server.engine.use(engineMiddleware(this.gate, scope));
    this.guard(server.of('/') as unknown as NamespaceLike, { ...scope, namespace: '/' });
    return server;
  }

  private guard(namespace: NamespaceLike, scope: HandshakeScope): void {
    if (this.guarded.has(namespace)) return;
    this.guarded.add(namespace);
    guardNamespace(namespace, this.gate, scope);
  }
}
