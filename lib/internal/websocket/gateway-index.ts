import { namespaceKey } from '../routing/namespace-key.js';
import type { TableGateway } from '../table/cors-table.js';

/**
 * Where a WebSocket server is: the port of `@WebSocketGateway(port)` (0 = the app's HTTP server)
 * and the `path` option as written. Nest shares one server between gateways with the same two
 * values, so the adapters and the table agree on these keys without normalizing paths.
 */
export interface ServerScope {
  readonly port: number;
  readonly path: string | undefined;
}

const keyOf = ({ port, path }: ServerScope) => `${port}|${path ?? ''}`;

/** The gateways of the table by the server they are served by, and by socket.io namespace. */
export class GatewayIndex {
  private readonly byServer = new Map<string, TableGateway[]>();

  constructor(gateways: readonly TableGateway[]) {
    for (const gateway of gateways) {
      const key = keyOf(gateway);
      const list = this.byServer.get(key);
      if (list) list.push(gateway);
      else this.byServer.set(key, [gateway]);
    }
  }

  /** Every gateway served by this server (all its socket.io namespaces). */
  onServer(scope: ServerScope): readonly TableGateway[] {
    return this.byServer.get(keyOf(scope)) ?? [];
  }

  /** The gateways of one namespace of a socket.io server (string names with their leading slash, others by identity). */
  inNamespace(scope: ServerScope, namespace: unknown): readonly TableGateway[] {
    const key = namespaceKey(namespace);
    return this.onServer(scope).filter((gateway) => gateway.namespace === key);
  }
}
