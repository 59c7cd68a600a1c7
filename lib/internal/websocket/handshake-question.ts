import type { CorsQuestion, Transport } from '../decision/cors-question.js';
import { HandshakeRequest, ownOrigin } from './own-origin.js';

/** The `websockets` module options a handshake question is built with. */
export interface HandshakeOriginRules {
  readonly sameOrigin: boolean;
  readonly trustForwardedHeaders: boolean;
}

/** The handshake's `Origin`, with repeated header lines joined as they arrived (a malformed value, refused). */
export function handshakeOrigin(request: HandshakeRequest): string | undefined {
  const origin = request.headers.origin;
  return Array.isArray(origin) ? origin.join(', ') : origin;
}

/**
 * The decision core's question for a WebSocket handshake or socket.io namespace connect: its
 * origin, and whether that is the server's own (`websockets.sameOrigin`, see `ownOrigin`).
 */
export function handshakeQuestion(request: HandshakeRequest, transport: Transport, rules: HandshakeOriginRules): CorsQuestion {
  const origin = handshakeOrigin(request);
  const own = origin !== undefined && rules.sameOrigin && origin === ownOrigin(request, rules.trustForwardedHeaders);
  return { kind: 'handshake', transport, origin, ownOrigin: own, request };
}
