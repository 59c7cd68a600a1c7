import type { TableGateway } from '../table/cors-table.js';
import type { ServerScope } from './gateway-index.js';

/** What one check is about: a whole server, or one socket.io namespace of it (`namespace` set). */
export interface HandshakeScope extends ServerScope {
  readonly transport: 'socket.io' | 'ws';
  /** Set for a socket.io namespace connect: only that namespace's gateways decide. */
  readonly namespace?: unknown;
}

/** Where a check happened, in log lines: `socket.io /socket.io namespace /chat (ChatGateway)`. */
export function describeScope(scope: HandshakeScope, gateways: readonly TableGateway[]): string {
  const port = scope.port === 0 ? '' : ` port ${scope.port}`;
  const path = scope.path ?? (scope.transport === 'socket.io' ? '/socket.io' : '/');
  const namespace = 'namespace' in scope ? ` namespace ${String(scope.namespace ?? '/')}` : '';
  const names = gateways.length > 0 ? gateways.map((g) => g.label).join(', ') : 'no gateway';
  return `${scope.transport}${port} ${path}${namespace} (${names})`;
}
