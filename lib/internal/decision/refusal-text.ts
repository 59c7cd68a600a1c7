import type { OriginFunctionFailure } from '../policy/check-origin.js';
import type { Candidate } from './candidate.js';
import type { Transport } from './cors-question.js';
import type { RefusalReason, RefusedVerdict } from './cors-verdict.js';

/** What some reasons need to be worded: the request's method and path, the origin function's failure, the parts of a combined refusal. */
export interface RefusalFacts {
  readonly transport?: Transport;
  readonly method?: string;
  readonly path?: string;
  readonly failure?: OriginFunctionFailure;
  /** A method or header name that was asked for and is not listed. */
  readonly asked?: string;
  /** The refusals a `some` combination collected, one per candidate. */
  readonly parts?: readonly RefusedVerdict[];
}

/** Most preflights nothing routes are to an endpoint outside controllers that has no `paths` entry yet. */
const NO_ROUTE_HINT = 'an endpoint outside controllers, such as GraphQL or static files, needs a `paths` entry';

const list = (values: ReadonlySet<string> | undefined) => `[${[...(values ?? [])].join(', ')}]`;

/** The reason in words, without the endpoint's name: the one place each reason is worded. */
function detailOf(reason: RefusalReason, candidate: Candidate | undefined, facts: RefusalFacts): string {
  const policy = candidate?.policy;
  switch (reason) {
    case 'origin-not-allowed':
      return `origin not allowed by ${policy?.originsFrom ?? 'any policy'}`;
    case 'origin-function-threw':
      return 'origin function threw';
    case 'origin-function-timeout':
      return `origin function timed out after ${facts.failure?.kind === 'timeout' ? facts.failure.ms : '?'} ms`;
    case 'origin-null':
      return 'Origin null (sandboxed iframes, file: and data: pages, redirects) is never allowed';
    case 'malformed-origin':
      return 'malformed Origin';
    case 'origin-required':
      return 'no Origin header, and websockets.requireOrigin is set';
    case 'cors-disabled':
      return facts.transport === undefined || facts.transport === 'http' ? 'CORS is disabled on this route' : 'has no CORS (only same-origin handshakes)';
    case 'method-not-allowed':
      return `method ${facts.asked} is not in methods ${list(policy?.methods)}`;
    case 'header-not-allowed':
      return `header "${facts.asked}" is not in allowedHeaders ${list(policy?.allowedHeaders)}`;
    case 'malformed-request-method':
      return 'malformed Access-Control-Request-Method';
    case 'malformed-request-headers':
      return 'malformed Access-Control-Request-Headers';
    case 'no-route':
      return `no route serves ${facts.method} ${facts.path} (${NO_ROUTE_HINT})`;
    case 'no-gateway':
      return 'no gateway is served here';
    case 'no-candidate-allows':
      return `no gateway here allows it (${(facts.parts ?? []).map((p) => p.text).join('; ')})`;
    case 'not-initialized':
      return 'CorsModule is not initialized (not imported, or app.init() has not finished)';
    case 'internal-error':
      return 'internal error while answering';
  }
}

/** A refusal, worded: `text` names the candidate (`... on GET /items (ItemsController.list)`, `ChatGateway has no CORS ...`). */
export function refusal(reason: RefusalReason, candidate: Candidate | undefined, facts: RefusalFacts = {}): RefusedVerdict {
  const detail = detailOf(reason, candidate, facts);
  let text = detail;
  if (candidate !== undefined) text = reason === 'cors-disabled' && facts.transport !== 'http' && facts.transport !== undefined ? `${candidate.label} ${detail}` : `${detail} on ${candidate.label}`;
  return { allowed: false, reason, text, detail, candidate };
}

/** The refusal for an origin function's failure. */
export function originFunctionRefusal(candidate: Candidate, failure: OriginFunctionFailure): RefusedVerdict {
  return refusal(failure.kind === 'timeout' ? 'origin-function-timeout' : 'origin-function-threw', candidate, { failure });
}
