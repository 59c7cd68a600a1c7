import type { CorsDecisionEndpoint, CorsDecisionEvent, CorsDecisionPolicy } from '../../interfaces/cors-decision-event.interface.js';
import type { Candidate } from '../decision/candidate.js';
import type { CorsQuestion } from '../decision/cors-question.js';
import type { ReportedDecision } from '../decision/report-decision.js';
import type { EffectivePolicy } from '../policy/merge-policy.js';

/** What is reported of one endpoint: the same for every decision about it. */
export interface EndpointFacts {
  readonly endpoint: CorsDecisionEndpoint;
  readonly policy: CorsDecisionPolicy;
}

/** A candidate as the table builds them: a route, a `paths` entry or a gateway, each with its merged options. */
type TableCandidate = Candidate & {
  readonly effective?: EffectivePolicy | undefined;
  readonly path?: string;
  readonly pattern?: string;
  readonly gateway?: unknown;
  readonly notFound?: true;
};

/** The policy an endpoint's origin rule comes from, in the words of `CorsPolicyService.getRoutes()` sources. */
function policyOf(candidate: TableCandidate): CorsDecisionPolicy {
  const source = candidate.effective?.sources.origin;
  if (candidate.policy === undefined || source === undefined) return 'none';
  return source === 'module' || source.startsWith('policy:') ? (source as CorsDecisionPolicy) : 'inline';
}

function describe(candidate: TableCandidate): EndpointFacts {
  // Nest's 404 (`readableNotFound`): decided by the module defaults, but no endpoint serves it.
  if (candidate.notFound === true) return Object.freeze({ endpoint: Object.freeze({ kind: 'none', label: candidate.label, route: undefined }), policy: policyOf(candidate) });
  const kind = candidate.pattern !== undefined ? 'path' : candidate.gateway !== undefined ? 'gateway' : 'route';
  const route = kind === 'path' ? candidate.pattern : kind === 'route' ? candidate.path : undefined;
  return Object.freeze({ endpoint: Object.freeze({ kind, label: candidate.label, route }), policy: policyOf(candidate) });
}

/**
 * Describes the endpoints of decisions, each candidate once (the table's candidates live as long
 * as the table; a route's label is made once, not per decision).
 */
export class EndpointDescriber {
  private readonly known = new WeakMap<Candidate, EndpointFacts>();

  /** The endpoint of a decision: the candidate that decided, else the one asked, else what was asked. */
  of(decided: Candidate | undefined, candidates: readonly Candidate[], question: CorsQuestion): EndpointFacts {
    const candidate = decided ?? (candidates.length === 1 ? candidates[0] : undefined);
    if (candidate !== undefined) return this.candidate(candidate);
    if (candidates.length === 0) {
      const label = question.transport === 'http' ? `${question.method ?? ''} ${question.path ?? ''}`.trim() : 'no gateway';
      return { endpoint: { kind: 'none', label, route: undefined }, policy: 'none' };
    }
    // Several endpoints answered together (ambiguous routes, a server's gateways): named together.
    const all = candidates.map((c) => this.candidate(c));
    const policy = all.every((facts) => facts.policy === all[0]!.policy) ? all[0]!.policy : 'none';
    const first = all[0]!.endpoint;
    const route = all.every((facts) => facts.endpoint.route === first.route) ? first.route : undefined;
    return { endpoint: { kind: first.kind, label: all.map((facts) => facts.endpoint.label).join(', '), route }, policy };
  }

  private candidate(candidate: Candidate): EndpointFacts {
    let facts = this.known.get(candidate);
    if (facts === undefined) this.known.set(candidate, (facts = describe(candidate as TableCandidate)));
    return facts;
  }
}

/** The public event of a reported decision. */
export function decisionEvent(decision: ReportedDecision, facts: EndpointFacts, time: number): CorsDecisionEvent {
  const { question, verdict, enforced } = decision;
  const grant = verdict.allowed ? verdict.grant : undefined;
  return Object.freeze({
    transport: question.transport,
    kind: question.kind,
    endpoint: facts.endpoint,
    policy: facts.policy,
    origin: question.origin,
    verdict: verdict.allowed ? 'allowed' : 'refused',
    reason: verdict.reason,
    detail: verdict.allowed ? undefined : verdict.detail,
    credentials: grant !== undefined && grant.credentials && !grant.anyOrigin,
    enforced: enforced === undefined ? undefined : Object.freeze({ verdict: enforced.allowed ? 'allowed' : 'refused', reason: enforced.reason, change: decision.change }),
    time,
    request: question.request,
  } satisfies CorsDecisionEvent);
}
