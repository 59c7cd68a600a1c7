import { applyActualCors } from '../actual/apply-actual-cors.js';
import { dropConditionalHeaders } from '../actual/drop-conditional-headers.js';
import * as H from '../headers.js';
import { ResponseWriter } from '../http/response-writer.js';
import { CompiledPolicy } from '../policy/compiled-policy.js';
import { OriginFunctionFailure, checkOrigin } from '../policy/check-origin.js';
import { isMethodToken, parseRequestHeaderNames } from '../request-header-names.js';
import { RouterEntry } from '../routing/preflight-router.js';
import { PreflightQuestion, preflightHeaders, refuseMethodOrHeaders } from './preflight-decision.js';

/** A route a preflight can resolve to. */
export interface PreflightTarget {
  /** undefined when the route has no CORS. */
  readonly policy: CompiledPolicy | undefined;
  /** `ItemsController.remove`, for logs. */
  readonly label: string;
}

/** Finds the route a preflight is about, the way the adapter's router would. */
export interface RouteFinder<T> {
  find(method: string, path: string): RouterEntry<T> | undefined;
}

/** Nest's request-hook signature (`httpAdapter.setOnRequestHook`), the same on both adapters. */
export type RequestHook = (this: unknown, request: unknown, response: unknown, done: (error?: unknown) => void) => unknown;

/** What the hook needs, fixed at startup. */
export interface PreflightHookOptions {
  readonly router: RouteFinder<PreflightTarget>;
  readonly writer: ResponseWriter;
  readonly originCheckTimeout: number;
  /** Hand preflights that match no route on instead of refusing them. */
  readonly passUnmatched: boolean;
  readonly onOriginFunctionFailure: (label: string, origin: string, failure: OriginFunctionFailure) => void;
  readonly onRefused: (reason: string, method: string, path: string, origin: string) => void;
  /**
   * Set the headers of cross-origin actual requests here already, before the app's middleware
   * and body parser (Express, where the guard runs after both). The guard still decides.
   */
  readonly earlyActualHeaders?: boolean;
}

interface RequestLike {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}

const REFUSED_HEADERS = { Vary: H.VARY_PREFLIGHT };

/**
 * The path and query of a request target. Express routes an absolute-form target
 * (`OPTIONS http://host/items`, RFC 9112 §3.2.2) by its path, so the preflight must too.
 */
function originFormOf(target: string): string {
  if (target.charCodeAt(0) === 0x2f) return target;
  const authority = target.indexOf('://');
  if (authority === -1) return target;
  const path = target.indexOf('/', authority + 3);
  return path === -1 ? '/' : target.slice(path);
}

function pathOf(request: RequestLike): string {
  const url = originFormOf(request.url ?? '/');
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/**
 * The headers of an actual cross-origin request, set before anything of the app runs, so that
 * answers the app gives before the guard (a body parser's 400 or 413, a middleware's 401) carry
 * them too (cors-protocol M16). Only when the route is unambiguous and the static origin rule
 * decides: an origin function is asked once, by the guard, which also sets the final headers
 * on every response that reaches it. Never throws into the app.
 */
function setEarlyActualHeaders(router: RouteFinder<PreflightTarget>, writer: ResponseWriter, request: RequestLike, response: unknown): void {
  try {
    const entry = router.find(request.method ?? 'GET', pathOf(request));
    if (entry === undefined || entry.candidates.length !== 1) return;
    const policy = entry.candidates[0]!.policy;
    if (policy === undefined) return;
    const origin = request.headers[H.ORIGIN] as string;
    const allowed = policy.anyOrigin || policy.matcher.matches(origin);
    if (allowed || policy.originFunction === undefined) applyActualCors(policy, origin, allowed, response, writer);
    // Before the app's middleware, which may answer conditional requests too (see dropConditionalHeaders).
    if (!allowed && policy.originFunction === undefined) dropConditionalHeaders(request);
  } catch {
    // Fail closed: the guard answers the request as usual.
  }
}

/**
 * Creates the request hook that answers CORS preflights before anything else of the app runs.
 *
 * Why this entry point: Nest registers no OPTIONS routes, so guards and interceptors never see a
 * preflight (it is a 404 before any guard). `httpAdapter.setOnRequestHook()` is the one place
 * that runs first on both adapters: on Express it is the adapter's first middleware, before
 * body parsers and anything `main.ts` adds with `app.use()`; on Fastify it runs in the adapter's
 * first `onRequest` hook, before middie and every Nest middleware, also for unmatched paths.
 * The slot holds one hook, so any hook set before ours is chained, not replaced.
 *
 * Only real preflights are taken (OPTIONS + Origin + Access-Control-Request-Method); every other
 * request goes on untouched. A preflight is judged by the policy of the route that would serve
 * the requested method at that path, and is answered here: 2xx with the permission headers, or
 * 403 with none. The hook never throws into the app: an unexpected error refuses (fail closed).
 */
export function createPreflightHook(options: PreflightHookOptions, previous?: RequestHook): RequestHook {
  const { router, writer, originCheckTimeout, passUnmatched } = options;

  function refuse(response: unknown, reason: string, method: string, path: string, origin: string): void {
    options.onRefused(reason, method, path, origin);
    writer.sendEmpty(response, 403, { ...REFUSED_HEADERS });
  }

  function answer(request: RequestLike, response: unknown, origin: string, method: string, pass: () => unknown): unknown {
    const path = pathOf(request);
    if (!isMethodToken(method)) return refuse(response, 'malformed Access-Control-Request-Method', method, path, origin);
    const rawNames = request.headers[H.ACCESS_CONTROL_REQUEST_HEADERS];
    const headerNames = rawNames === undefined ? [] : typeof rawNames === 'string' ? parseRequestHeaderNames(rawNames) : undefined;
    if (headerNames === undefined) return refuse(response, 'malformed Access-Control-Request-Headers', method, path, origin);
    const entry = router.find(method, path);
    if (entry === undefined) {
      if (passUnmatched) return pass();
      return refuse(response, `no route serves ${method} ${path}`, method, path, origin);
    }
    const question: PreflightQuestion = {
      origin,
      method,
      headerNames,
      privateNetwork: request.headers[H.ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK] === 'true',
    };
    const policies: CompiledPolicy[] = [];
    for (const candidate of entry.candidates) {
      const reason = refuseMethodOrHeaders(candidate.policy, question);
      if (reason !== undefined) return refuse(response, `${reason} on ${candidate.label}`, method, path, origin);
      policies.push(candidate.policy!);
    }
    const failures: string[] = [];
    const verdicts = policies.map((policy, i) =>
      checkOrigin(policy, origin, request, originCheckTimeout, (failure) => {
        failures[i] = failure.kind === 'timeout' ? `origin function timed out after ${failure.ms} ms` : 'origin function threw';
        options.onOriginFunctionFailure(entry.candidates[i]!.label, origin, failure);
      }),
    );
    const finish = (allowed: readonly boolean[]) => {
      const refusedAt = allowed.indexOf(false);
      if (refusedAt !== -1) {
        const policy = policies[refusedAt]!;
        const why = failures[refusedAt] ?? `origin not allowed by ${policy.originsFrom}`;
        return refuse(response, `${why} on ${entry.candidates[refusedAt]!.label}`, method, path, origin);
      }
      writer.sendEmpty(response, policies[0]!.successStatus, preflightHeaders(policies, question));
    };
    if (verdicts.every((v) => typeof v === 'boolean')) return finish(verdicts as boolean[]);
    Promise.all(verdicts)
      .then(finish)
      .catch(() => refuse(response, 'origin check failed', method, path, origin));
    return undefined;
  }

  return function corsPreflightHook(this: unknown, request: unknown, response: unknown, done: (error?: unknown) => void) {
    const req = request as RequestLike;
    // Every request of the app comes through here: the common case allocates nothing.
    if (req.method !== 'OPTIONS') {
      if (options.earlyActualHeaders && typeof req.headers[H.ORIGIN] === 'string') setEarlyActualHeaders(router, writer, req, response);
      return previous ? previous.call(this, request, response, done) : done();
    }
    const pass = () => (previous ? previous.call(this, request, response, done) : done());
    const origin = req.headers[H.ORIGIN];
    const method = req.headers[H.ACCESS_CONTROL_REQUEST_METHOD];
    // Not a preflight (M6): an ordinary OPTIONS request goes to the app.
    if (typeof origin !== 'string' || typeof method !== 'string') return pass();
    try {
      answer(req, response, origin, method, pass);
    } catch {
      refuse(response, 'internal error while answering', method, req.url ?? '', origin);
    }
    return undefined;
  };
}
