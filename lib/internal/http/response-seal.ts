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
  /** The request it answers (Node sets it on every server response). */
  readonly req?: { readonly headers?: unknown };
}

const SEALED_WRITE_HEAD = Symbol('nestjs-cors sealed writeHead');
const PERMISSIONS = [H.ALLOW_ORIGIN, H.ALLOW_CREDENTIALS, H.EXPOSE_HEADERS].map((name) => name.toLowerCase());

/** The verdict kept for a sealed response: constants, so that sealing allocates nothing. */
const KEEP_VARY = 1;
const REFUSED = 2;
type SealState = typeof KEEP_VARY | typeof REFUSED;

/**
 * The verdict of a sealed response, beside it rather than on it: Express gives every response a
 * map (hidden class) of its own (`Object.setPrototypeOf` as a request enters), so a property
 * added to one makes V8 build another map for that one object (3 us per request in a CPU
 * profile, and its garbage), where a WeakMap entry is a hash-table insert. Kept here: every
 * refusal, and `Vary` kept on a response outside a prepared prototype (Fastify's `reply.raw`, a
 * response with a `writeHead` of its own) or whose request's headers cannot be marked.
 */
const seals = new WeakMap<object, SealState>();

/** A base class whose constructor returns the object it is given: a subclass's fields are then added to that object. */
class FieldsOnto {
  constructor(target: object) {
    return target;
  }
}

/**
 * `Vary` kept on a response of a prepared prototype: a private field on its request's `headers`
 * object (`res.req.headers`, where the sealed `writeHead` looks), which no key listing, spread,
 * `JSON.stringify`, `structuredClone` or `util.inspect` shows. On a live server a WeakMap insert
 * costs about 1.4 us (the table is old, the response young: V8 records every such key for the
 * next scavenge), a field on the headers object about 0.1 us (Node builds every request's headers
 * alike, so they share maps). The allowed and no-`Origin` answers, one per request, are kept
 * here. The price: an app that replaces `req.headers` after the decision drops the mark, and if
 * it then also rewrites `Vary`, the response goes out without `Origin` in it (a shared cache may
 * then serve one origin's copy to another, which the browser refuses; no permission is
 * widened). A refusal, which must never be lost, stays in `seals`.
 */
class KeptVary extends FieldsOnto {
  #kept = true;

  /** Marks `headers`; false when it cannot be marked (not an object, or an engine that keeps private fields off frozen objects). */
  static mark(headers: unknown): boolean {
    if (typeof headers !== 'object' || headers === null) return false;
    if (#kept in headers) return true;
    try {
      new KeptVary(headers);
      return true;
    } catch {
      // Frozen, under an engine that keeps private fields off non-extensible objects.
      return false;
    }
  }

  static isMarked(headers: unknown): boolean {
    return typeof headers === 'object' && headers !== null && #kept in headers;
  }
}

/** The prototypes `prepareSealOn` gave the sealed `writeHead` (one per Express app). */
const prepared = new WeakSet<object>();

/**
 * `writeHead` that applies the kept verdict, if any, before `original` writes the head. Headers
 * passed to `writeHead` (Fastify passes its own) win over those set on the response, so both are
 * fixed. On a prepared prototype it also reads the mark on the request's headers (`KeptVary`).
 */
function sealedWriteHead(original: WriteHead, onPrototype: boolean): WriteHead {
  const writeHead = function writeHeadSealed(this: SealableResponse) {
    const state = seals.get(this);
    // eslint-disable-next-line prefer-rest-params -- `arguments` as it is: no array built for every response.
    if (state !== undefined) applySeal(this, state === REFUSED, arguments);
    // eslint-disable-next-line prefer-rest-params
    else if (onPrototype && KeptVary.isMarked(this.req?.headers)) applySeal(this, false, arguments);
    // eslint-disable-next-line prefer-rest-params
    return original.apply(this, arguments as unknown as Parameters<WriteHead>);
  } as WriteHead;
  (writeHead as WriteHead & { [SEALED_WRITE_HEAD]?: true })[SEALED_WRITE_HEAD] = true;
  return writeHead;
}

/** Whether `writeHead` is one `sealedWriteHead` made (so it is not wrapped twice). */
function isSealed(writeHead: unknown): boolean {
  return (writeHead as { [SEALED_WRITE_HEAD]?: true })[SEALED_WRITE_HEAD] === true;
}

function applySeal(response: SealableResponse, refused: boolean, args: IArguments): void {
  const last: unknown = args.length > 1 ? args[args.length - 1] : undefined;
  const passed = typeof last === 'object' && last !== null && !Array.isArray(last) ? (last as Record<string, unknown>) : undefined;
  let varyKey: string | undefined;
  if (passed !== undefined) {
    for (const name of Object.keys(passed)) {
      const lower = name.toLowerCase();
      if (lower === H.VARY) varyKey = name;
      else if (refused && PERMISSIONS.includes(lower)) delete passed[name];
    }
  }
  if (varyKey !== undefined) passed![varyKey] = appendVary(passed![varyKey], H.VARY_ACTUAL);
  else {
    // Usually `Vary` still names `Origin` as the decision wrote it: then nothing is set again.
    const vary = response.getHeader(H.VARY);
    const kept = appendVary(vary, H.VARY_ACTUAL);
    if (kept !== vary) response.setHeader(H.VARY, kept);
  }
  // Looked up first: removing a header that is not there costs more than finding it absent.
  if (refused) for (const name of PERMISSIONS) if (response.getHeader(name) !== undefined) response.removeHeader(name);
}

/**
 * Gives every response whose prototype chain has `prototype` (Express: the app's `app.response`)
 * the sealed `writeHead`, once at startup, so that sealing one of them adds no closure and no
 * own `writeHead`: a mark on its request's headers (`KeptVary`) or a WeakMap entry (a refusal).
 * Its `writeHead` then reads `res.req` on every response, sealed or not (0.3 us on Express).
 * Responses outside it are still sealed, one by one.
 */
export function prepareSealOn(prototype: { writeHead?: unknown }): void {
  const writeHead = prototype.writeHead;
  if (typeof writeHead !== 'function') return;
  if (!isSealed(writeHead)) prototype.writeHead = sealedWriteHead(writeHead as WriteHead, true);
  prepared.add(prototype);
}

/**
 * Keeps a CORS verdict on what is finally sent, whatever runs between the decision and the
 * response (middleware, `@Header()`, a handler that takes the response, an exception filter):
 * the response's `writeHead` (its own, or the one `prepareSealOn` gave its prototype) makes the
 * `Vary` it writes name `Origin` and, for a refused origin, writes no `Access-Control-Allow-Origin`,
 * `-Credentials` or `-Expose-Headers`. Sealing again (a later step decided the same request
 * again) only changes the verdict kept: the last decision is the one written; without `refused`
 * it keeps the verdict it finds (only `Vary` is asked for). `requestHeaders` must be
 * `response.req.headers` (a caller that has read it passes it, to spare the read): `Vary` kept
 * on a response of a prepared prototype is marked there (see `KeptVary` for what replacing
 * `req.headers` later costs).
 */
export function sealResponse(response: SealableResponse, refused?: boolean, requestHeaders?: object): void {
  // A response of a prepared prototype without a `writeHead` of its own already writes through
  // the sealed one. Told by the prototype and own keys, not by reading the response's properties:
  // on Express each read misses V8's inline caches (0.6 us against 0.05 us, bench/response-state.js).
  if (prepared.has(Object.getPrototypeOf(response) as object) && !Object.hasOwn(response, 'writeHead')) {
    if (refused === true) seals.set(response, REFUSED);
    else if (refused === false || !seals.has(response)) {
      if (KeptVary.mark(requestHeaders ?? response.req?.headers)) seals.delete(response);
      else seals.set(response, KEEP_VARY);
    }
    return;
  }
  const writeHead = response.writeHead;
  if (response.headersSent || typeof writeHead !== 'function') return;
  // Without a verdict, the one found is kept.
  if (refused !== undefined || !seals.has(response)) seals.set(response, refused === true ? REFUSED : KEEP_VARY);
  // Sealed before, its `writeHead` may since have been replaced by one that does not call the
  // sealed one (or was the prototype's then): wrapped again whenever the one in place is not ours.
  if (!isSealed(writeHead)) response.writeHead = sealedWriteHead(writeHead, false);
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
