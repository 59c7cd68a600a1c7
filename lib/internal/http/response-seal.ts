import * as H from './headers.js';
import { appendVary } from './vary.js';

type WriteHead = (this: SealableResponse, status: number, ...rest: unknown[]) => unknown;

/** The Node `ServerResponse` members the seal uses (Express's response, Fastify's `reply.raw`). */
export interface SealableResponse {
  headersSent: boolean;
  getHeader(name: string): unknown;
  setHeader(name: string, value: string): unknown;
  removeHeader(name: string): void;
  writeHead: WriteHead;
}

const SEAL = Symbol('nestjs-cors seal');
const PERMISSIONS = [H.ALLOW_ORIGIN, H.ALLOW_CREDENTIALS, H.EXPOSE_HEADERS].map((name) => name.toLowerCase());

interface Sealed {
  [SEAL]?: { refused: boolean };
}

/**
 * Keeps a CORS verdict on what is finally sent, whatever runs between the decision and the
 * response (middleware, `@Header()`, a handler that takes the response, an exception filter):
 * the response's `writeHead` is wrapped, once, so that the `Vary` it writes names `Origin`
 * and, for a refused origin, no `Access-Control-Allow-Origin`, `-Credentials` or
 * `-Expose-Headers` is written. Headers passed to `writeHead` (Fastify passes its own) win
 * over those set on the response, so both are fixed. Sealing again (a later step decided the
 * same request again) only changes the verdict kept: the last decision is the one written;
 * without `refused` it keeps the verdict it finds (only `Vary` is asked for).
 */
export function sealResponse(response: SealableResponse, refused?: boolean): void {
  const sealed = response as SealableResponse & Sealed;
  const state = sealed[SEAL];
  if (state !== undefined) {
    if (refused !== undefined) state.refused = refused;
    return;
  }
  if (response.headersSent || typeof response.writeHead !== 'function') return;
  const kept = { refused: refused === true };
  sealed[SEAL] = kept;
  const writeHead = response.writeHead;
  response.writeHead = function writeHeadSealed(this: SealableResponse, status: number, ...rest: unknown[]) {
    const last = rest[rest.length - 1];
    const passed = typeof last === 'object' && last !== null && !Array.isArray(last) ? (last as Record<string, unknown>) : undefined;
    let varyKey: string | undefined;
    if (passed !== undefined) {
      for (const name of Object.keys(passed)) {
        const lower = name.toLowerCase();
        if (lower === H.VARY) varyKey = name;
        else if (kept.refused && PERMISSIONS.includes(lower)) delete passed[name];
      }
    }
    if (varyKey !== undefined) passed![varyKey] = appendVary(passed![varyKey], H.VARY_ACTUAL);
    else this.setHeader(H.VARY, appendVary(this.getHeader(H.VARY), H.VARY_ACTUAL));
    if (kept.refused) for (const name of PERMISSIONS) this.removeHeader(name);
    return writeHead.call(this, status, ...rest);
  };
}

/**
 * Calls `beforeHead` with the status when the response's headers are about to be written, after
 * everything else had its say (what `writeHead` is given wins over it, as over any header set).
 */
export function onWriteHead(response: SealableResponse, beforeHead: (status: number) => void): void {
  if (response.headersSent || typeof response.writeHead !== 'function') return;
  const writeHead = response.writeHead;
  response.writeHead = function writeHeadAfterCors(this: SealableResponse, status: number, ...rest: unknown[]) {
    beforeHead(status);
    return writeHead.call(this, status, ...rest);
  };
}
