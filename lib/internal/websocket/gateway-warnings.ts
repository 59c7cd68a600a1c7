import { CORS_ADAPTER_HINT } from '../compile/adapter-hint.js';
import type { WebSocketFacts } from '../table/cors-table.js';

/**
 * Startup warnings about gateways: handshakes nobody checks (the app's WebSocket adapter is
 * not a CorsModule adapter), and socket.io's own `cors` option, another CORS layer that
 * `CorsIoAdapter` replaces.
 */
export function gatewayWarnings({ gateways, adapter }: WebSocketFacts): string[] {
  if (gateways.length === 0) return [];
  const names = (list: readonly { gateway: { name: string } }[]) => list.map((g) => g.gateway.name).join(', ');
  const withOwnCors = gateways.filter((g) => g.ownCors);
  const warnings: string[] = [];
  if (adapter === 'other') {
    warnings.push(
      `WebSocket handshakes to ${names(gateways)} are not checked: the app's WebSocket adapter is not a CorsModule adapter, ` +
        `so any website can connect with its visitors' cookies (cross-site WebSocket hijacking). Use ${CORS_ADAPTER_HINT}.` +
        (withOwnCors.length > 0 ? ` socket.io's own cors option on ${names(withOwnCors)} is another CORS layer, with other rules than CorsModule's.` : ''),
    );
  } else if (withOwnCors.length > 0 && adapter === 'socket.io') {
    warnings.push(
      `${names(withOwnCors)} set${withOwnCors.length === 1 ? 's' : ''} socket.io's own cors option, another CORS layer: CorsIoAdapter ignores it ` +
        'and applies the CorsModule policy of each gateway instead. Remove the cors option from @WebSocketGateway().',
    );
  }
  return warnings;
}
