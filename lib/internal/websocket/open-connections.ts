import type { HandshakeScope } from './handshake-scope.js';
import type { HandshakeRequest } from './own-origin.js';

/** An open WebSocket (or socket.io) connection: its handshake request, where it is, and how to close it. */
export interface OpenConnection {
  readonly request: HandshakeRequest;
  readonly scope: HandshakeScope;
  close(): void;
}

/**
 * The open connections of the gateways, kept only with `websockets.closeOnRevoke`, so that a
 * revoked origin's connections can be judged again and closed. Each connection removes itself
 * when it closes.
 */
export class OpenConnections {
  private readonly open = new Set<OpenConnection>();

  /** Starts tracking; returns what to call when the connection closes. */
  add(connection: OpenConnection): () => void {
    this.open.add(connection);
    return () => void this.open.delete(connection);
  }

  /** A snapshot of the open connections. */
  list(): OpenConnection[] {
    return [...this.open];
  }
}
