import type { HandshakeGate, HandshakeScope } from './handshake-gate.js';
import type { HandshakeRequest } from './own-origin.js';
import { settle } from './settle.js';

/** A socket.io namespace as seen here: its middleware hook. */
export interface NamespaceLike {
  use(fn: (socket: { request: HandshakeRequest }, next: (error?: Error) => void) => void): unknown;
}

/** The message of the `connect_error` a refused client gets. */
export const REFUSED_NAMESPACE_MESSAGE = 'origin not allowed';

/**
 * Checks every connect to one namespace against the gateways of that namespace (each must
 * allow it): a refused client gets `connect_error` and the gateway never sees a connection.
 * Installed before the gateway (and its `afterInit`) can add middlewares, so it runs first. The
 * request is the engine.io handshake's, whose origin the engine already admitted for some
 * gateway of the server.
 */
export function guardNamespace(namespace: NamespaceLike, gate: HandshakeGate, scope: HandshakeScope): void {
  namespace.use((socket, next) => {
    const refuse = () => next(new Error(REFUSED_NAMESPACE_MESSAGE));
    try {
      settle(gate.judge(socket.request, scope, 'every'), (verdict) => (verdict.admitted ? next() : refuse()), refuse);
    } catch {
      refuse();
    }
  });
}
