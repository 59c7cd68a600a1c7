import type { WebSocketAdapterKind } from '../table/cors-table.js';

/**
 * Marks the CorsModule WebSocket adapters, so that `CorsModule` can tell at startup whether the
 * app's gateways are checked. A global symbol: it survives two copies of the library (ESM and
 * CommonJS builds) in one app.
 */
const CORS_WEBSOCKET_ADAPTER = Symbol.for('nestjs-cors.websocket-adapter');

/** Marks an adapter instance as checking handshakes for CorsModule. */
export function markCorsAdapter(adapter: object, kind: 'socket.io' | 'ws'): void {
  Object.defineProperty(adapter, CORS_WEBSOCKET_ADAPTER, { value: kind });
}

/** Which kind of WebSocket adapter the app uses (undefined: none, the app has no gateway). */
export function webSocketAdapterKind(adapter: object | undefined): WebSocketAdapterKind {
  if (adapter === undefined) return undefined;
  const kind: unknown = (adapter as Record<symbol, unknown>)[CORS_WEBSOCKET_ADAPTER];
  return kind === 'socket.io' || kind === 'ws' ? kind : 'other';
}
