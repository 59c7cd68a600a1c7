import { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { CorsVerdict } from '../decision/cors-verdict.js';
import * as H from '../http/headers.js';
import { appendVary } from '../http/vary.js';
import { applyActualCors } from '../response/apply-actual-cors.js';
import type { HandshakeGate } from './handshake-gate.js';
import { handshakeOrigin } from './handshake-question.js';
import type { HandshakeScope } from './handshake-scope.js';
import { answerPollingPreflight, engineResponseWriter } from './polling-preflight.js';
import { answeredOnce, settle } from './settle.js';

/** engine.io's middleware signature (`engine.use()`): `res` is a `ServerResponse`, or engine.io's stand-in for upgrades. */
export type EngineMiddleware = (req: IncomingMessage, res: unknown, next: (error?: unknown) => void) => void;

/** The refusal of a WebSocket upgrade: a complete HTTP response on the raw socket, then the socket is closed. */
const REFUSED_UPGRADE = 'HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';

/** Refuses an upgrade and releases the socket at once (nothing is left half open). */
function refuseUpgrade(socket: Duplex): void {
  // The socket is ours now: an error on it (the client went away) must not become an uncaught one.
  socket.on('error', () => undefined);
  if (!socket.writable) return void socket.destroy();
  socket.once('finish', () => socket.destroy());
  socket.end(REFUSED_UPGRADE);
}

/** Refuses an HTTP handshake of the long-polling transport: 403, no body, no `Access-Control-*` header. */
function refuseRequest(res: ServerResponse): void {
  engineResponseWriter.sendEmpty(res, 403, { Vary: H.VARY_ACTUAL });
}

/**
 * Whether an engine.io request belongs to an open session rather than starting one, decided as
 * engine.io decides it (engine.io 6.6: the query parsed with `URL`, the last `sid` wins, and an
 * empty one starts a session), so `?sid=` cannot pass for a session.
 */
function hasSession(url: string | undefined): boolean {
  if (url === undefined || !url.includes('sid')) return false;
  try {
    return Boolean(new URL(url, 'http://localhost').searchParams.getAll('sid').at(-1));
  } catch {
    return false;
  }
}

/**
 * The CORS headers of a long-polling response, written from the verdict by the writer of HTTP
 * routes' actual responses. `Vary: Origin` always: the engine is shared by gateways whose
 * answers differ by origin, even where the one that allowed it is `*`.
 */
function setPollingHeaders(res: ServerResponse, origin: string | undefined, verdict: CorsVerdict): void {
  res.setHeader('Vary', appendVary(res.getHeader('Vary'), H.VARY_ACTUAL));
  applyActualCors(verdict.allowed ? verdict.grant : undefined, origin, verdict.allowed, res, engineResponseWriter);
}

/**
 * The engine.io middleware that puts a socket.io server under CorsModule. engine.io runs its
 * middlewares on every request and upgrade on its path, before its own checks and before any
 * connection exists:
 * - polling preflights are answered here (`answerPollingPreflight`);
 * - a handshake (a polling request without `sid`) or any upgrade whose origin no gateway of
 *   this server admits is refused with 403 (upgrades on the raw socket, which is then closed);
 * - every other polling response gets the CORS headers of the policies that allow its origin.
 * Namespaces then enforce their own gateways' policies (`guardNamespace`).
 * Not engine.io's `allowRequest`: engine.io 6 asks it only when a session starts (not for the
 * upgrade of an open session), answers its refusal of an upgrade with 400, and runs it after
 * refusing preflights itself; a middleware sees every request first.
 */
export function engineMiddleware(gate: HandshakeGate, scope: HandshakeScope): EngineMiddleware {
  return (req, res, next) => {
    const upgrade = !(res instanceof ServerResponse);
    // Node removed its own error listener from an upgrade's socket before emitting `upgrade`: until
    // the socket is handed on, a reset during an origin check must not become an uncaught error.
    const onSocketError = () => req.socket.destroy();
    if (upgrade) req.socket.on('error', onSocketError);
    const once = answeredOnce();
    const fail = once(() => (upgrade ? refuseUpgrade(req.socket) : refuseRequest(res)));
    const pass = once(() => {
      if (upgrade) req.socket.removeListener('error', onSocketError);
      next();
    });
    try {
      const origin = handshakeOrigin(req);
      if (!upgrade && req.method === 'OPTIONS' && origin !== undefined && req.headers[H.ACCESS_CONTROL_REQUEST_METHOD] !== undefined) {
        return answerPollingPreflight(gate, scope, req, res);
      }
      const opening = upgrade || !hasSession(req.url);
      settle(
        gate.judge(req, scope, 'some', !opening),
        (verdict) => {
          if (opening && !verdict.allowed) return fail();
          if (!upgrade) setPollingHeaders(res, origin, verdict);
          pass();
        },
        fail,
      );
    } catch {
      fail();
    }
  };
}
