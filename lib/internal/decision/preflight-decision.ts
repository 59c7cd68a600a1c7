import * as H from '../http/headers.js';
import { CompiledPolicy } from '../policy/compiled-policy.js';

/** What a preflight asked for, already parsed. */
export interface PreflightQuestion {
  readonly origin: string;
  readonly method: string;
  /** Requested header names, lowercase. */
  readonly headerNames: readonly string[];
  readonly privateNetwork: boolean;
}

/**
 * Checks method and headers against one policy (the origin is checked separately, as it may be
 * asynchronous). Returns undefined when allowed, or the reason for refusing.
 */
export function refuseMethodOrHeaders(policy: CompiledPolicy | undefined, question: PreflightQuestion): string | undefined {
  if (policy === undefined) return 'CORS is disabled on this route';
  if (policy.methods !== undefined && !policy.methods.has(question.method)) {
    return `method ${question.method} is not in methods [${[...policy.methods].join(', ')}]`;
  }
  const allowed = policy.allowedHeaders;
  if (allowed !== undefined) {
    for (const name of question.headerNames) {
      if (!allowed.has(name)) return `header "${name}" is not in allowedHeaders [${[...allowed].join(', ')}]`;
    }
  }
  return undefined;
}

/**
 * The headers of a successful preflight for policies that all allowed it. With several
 * candidate routes, only what every one of them allows is granted: credentials only if all
 * allow them, the shortest max-age, private network access only if all allow it.
 */
export function preflightHeaders(policies: readonly CompiledPolicy[], question: PreflightQuestion): Record<string, string> {
  const anyOrigin = policies.every((p) => p.anyOrigin);
  const credentials = policies.every((p) => p.credentials);
  const headers: Record<string, string> = {
    [H.ALLOW_ORIGIN]: anyOrigin ? '*' : question.origin,
    [H.ALLOW_METHODS]: question.method,
  };
  if (credentials && !anyOrigin) headers[H.ALLOW_CREDENTIALS] = 'true';
  if (question.headerNames.length > 0) headers[H.ALLOW_HEADERS] = question.headerNames.join(', ');
  let maxAge: number | undefined;
  for (const policy of policies) {
    if (policy.maxAge === undefined) {
      maxAge = undefined;
      break;
    }
    maxAge = maxAge === undefined ? Number(policy.maxAge) : Math.min(maxAge, Number(policy.maxAge));
  }
  if (maxAge !== undefined) headers[H.MAX_AGE] = String(maxAge);
  const privateNetwork = question.privateNetwork && policies.every((p) => p.allowPrivateNetwork);
  if (privateNetwork) headers[H.ALLOW_PRIVATE_NETWORK] = 'true';
  headers.Vary = question.privateNetwork ? H.VARY_PREFLIGHT_PNA : H.VARY_PREFLIGHT;
  return headers;
}
