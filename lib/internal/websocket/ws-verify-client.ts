import type { IncomingMessage } from 'node:http';
import type { HandshakeGate } from './handshake-gate.js';
import type { HandshakeScope } from './handshake-scope.js';
import { answeredOnce, settle } from './settle.js';

/** What `ws` passes to `verifyClient`. */
interface VerifyClientInfo {
  origin: string;
  secure: boolean;
  req: IncomingMessage;
}

/** `ws`'s asynchronous `verifyClient`: `done(false, 403)` makes `ws` answer `HTTP/1.1 403 Forbidden` and close the socket. */
export type VerifyClient = (info: VerifyClientInfo, done: (verified: boolean, code?: number, message?: string, headers?: Record<string, string>) => void) => void;

/** A `verifyClient` the app set in its gateway options: synchronous (one parameter) or asynchronous. */
export type AppVerifyClient = ((info: VerifyClientInfo) => boolean) | VerifyClient;

/**
 * The `verifyClient` of a ws gateway's server: every gateway served there must admit the
 * handshake, else `ws` refuses the upgrade with 403 and destroys the socket. An app's own
 * `verifyClient` runs after, on admitted handshakes only (authentication stays its job).
 */
export function verifyClientFor(gate: HandshakeGate, scope: HandshakeScope, appVerify: AppVerifyClient | undefined): VerifyClient {
  return (info, wsDone) => {
    // One answer per handshake: a throw after `done` (in ws, or in the app's verifyClient) must not answer again.
    const done = answeredOnce()(wsDone);
    const refuse = () => done(false, 403);
    try {
      settle(
        gate.judge(info.req, scope, 'every'),
        (verdict) => {
          if (!verdict.allowed) return refuse();
          if (appVerify === undefined) return done(true);
          if (appVerify.length >= 2) return (appVerify as VerifyClient)(info, done);
          return (appVerify as (info: VerifyClientInfo) => boolean)(info) ? done(true) : done(false, 401);
        },
        refuse,
      );
    } catch {
      refuse();
    }
  };
}
