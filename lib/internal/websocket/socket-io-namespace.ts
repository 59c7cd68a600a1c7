import type { HandshakeGate } from './handshake-gate.js';
import type { HandshakeScope } from './handshake-scope.js';
import type { HandshakeRequest } from './own-origin.js';
import { answeredOnce, settle } from './settle.js';

/** A socket.io socket as seen here. */
interface SocketLike {
  readonly request: HandshakeRequest;
  once(event: 'disconnect', listener: () => void): unknown;
  disconnect(close: boolean): unknown;
}

/** A socket.io namespace as seen here: its middleware hook and connection event. */
export interface NamespaceLike {
  use(fn: (socket: SocketLike, next: (error?: Error) => void) => void): unknown;
  on(event: 'connection', listener: (socket: SocketLike) => void): unknown;
}

/** The message of the `connect_error` a refused client gets. */
const REFUSED_NAMESPACE_MESSAGE = 'origin not allowed';

/**
 * Checks every connect to one namespace against the gateways of that namespace (each must
 * allow it): a refused client gets `connect_error` and the gateway never sees a connection.
 * Installed before the gateway (and its `afterInit`) can add middlewares, so it runs first. The
 * request is the engine.io handshake's, whose origin the engine already admitted for some
 * gateway of the server.
 */
export function guardNamespace(namespace: NamespaceLike, gate: HandshakeGate, scope: HandshakeScope): void {
  namespace.use((socket, socketIoNext) => {
    const next = answeredOnce()(socketIoNext);
    const refuse = () => next(new Error(REFUSED_NAMESPACE_MESSAGE));
    try {
      settle(gate.judge(socket.request, scope, 'every'), (verdict) => (verdict.allowed ? next() : refuse()), refuse);
    } catch {
      refuse();
    }
  });
  // With closeOnRevoke, a revoked origin's sockets are disconnected (the whole connection).
  namespace.on('connection', (socket) => {
    socket.once('disconnect', gate.track({ request: socket.request, scope, close: () => socket.disconnect(true) }));
  });
}
