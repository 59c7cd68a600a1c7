import type { RouteTarget } from '../table/cors-table.js';
import * as H from '../http/headers.js';
import type { CompiledPolicy } from '../policy/compiled-policy.js';
import { checkOrigin } from '../policy/check-origin.js';
import type { CorsRuntime } from './cors-runtime.js';
import { RequestLike, pathOf } from '../http/request-target.js';
import { isMethodToken, parseRequestHeaderNames } from '../http/request-header-names.js';
import { PreflightQuestion, preflightHeaders, refuseMethodOrHeaders } from '../decision/preflight-decision.js';

const REFUSED_HEADERS = { Vary: H.VARY_PREFLIGHT };

function refuse(runtime: CorsRuntime, response: unknown, reason: string, method: string, path: string, origin: string): void {
  runtime.diagnostics.refusedPreflight(reason, method, path, origin);
  runtime.writer.sendEmpty(response, 403, { ...REFUSED_HEADERS });
}

/**
 * Answers a CORS preflight (OPTIONS + Origin + Access-Control-Request-Method): judged by the
 * policy of the route that would serve the requested method at that path, answered here with
 * 2xx and the permission headers, or 403 with none. Calls `pass` instead when no route matches
 * and `unmatchedPreflight` is `'pass'`. Never throws into the app: an unexpected error refuses
 * (fail closed).
 */
export function answerPreflight(runtime: CorsRuntime, request: RequestLike, response: unknown, origin: string, method: string, pass: () => unknown): void {
  try {
    answer(runtime, request, response, origin, method, pass);
  } catch {
    refuse(runtime, response, 'internal error while answering', method, request.url ?? '', origin);
  }
}

function pathCandidates(runtime: CorsRuntime, path: string): readonly RouteTarget[] | undefined {
  const target = runtime.table.pathIndex?.find(path);
  return target === undefined ? undefined : [target];
}

function answer(runtime: CorsRuntime, request: RequestLike, response: unknown, origin: string, method: string, pass: () => unknown): void {
  const path = pathOf(request);
  if (!isMethodToken(method)) return refuse(runtime, response, 'malformed Access-Control-Request-Method', method, path, origin);
  const rawNames = request.headers[H.ACCESS_CONTROL_REQUEST_HEADERS];
  const headerNames = rawNames === undefined ? [] : typeof rawNames === 'string' ? parseRequestHeaderNames(rawNames) : undefined;
  if (headerNames === undefined) return refuse(runtime, response, 'malformed Access-Control-Request-Headers', method, path, origin);
  // A controller route serving the requested method wins; a `paths` entry covers the rest.
  const candidates = runtime.finder.find(method, path)?.candidates ?? pathCandidates(runtime, path);
  if (candidates === undefined) {
    if (runtime.table.settings.passUnmatched) return void pass();
    return refuse(runtime, response, `no route serves ${method} ${path}`, method, path, origin);
  }
  const question: PreflightQuestion = {
    origin,
    method,
    headerNames,
    privateNetwork: request.headers[H.ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK] === 'true',
  };
  const policies: CompiledPolicy[] = [];
  for (const candidate of candidates) {
    const reason = refuseMethodOrHeaders(candidate.policy, question);
    if (reason !== undefined) return refuse(runtime, response, `${reason} on ${candidate.label}`, method, path, origin);
    policies.push(candidate.policy!);
  }
  const failures: string[] = [];
  const verdicts = policies.map((policy, i) =>
    checkOrigin(policy, origin, request, runtime.table.settings.originCheckTimeout, (failure) => {
      failures[i] = failure.kind === 'timeout' ? `origin function timed out after ${failure.ms} ms` : 'origin function threw';
      runtime.diagnostics.originFunctionFailed(candidates[i]!.label, origin, failure);
    }),
  );
  const finish = (allowed: readonly boolean[]) => {
    const refusedAt = allowed.indexOf(false);
    if (refusedAt !== -1) {
      const why = failures[refusedAt] ?? `origin not allowed by ${policies[refusedAt]!.originsFrom}`;
      return refuse(runtime, response, `${why} on ${candidates[refusedAt]!.label}`, method, path, origin);
    }
    runtime.writer.sendEmpty(response, policies[0]!.successStatus, preflightHeaders(policies, question));
  };
  if (verdicts.every((v) => typeof v === 'boolean')) return finish(verdicts as boolean[]);
  Promise.all(verdicts)
    .then(finish)
    .catch(() => refuse(runtime, response, 'origin check failed', method, path, origin));
}
