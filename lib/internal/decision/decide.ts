import { OriginMatcher } from '../origin/origin-matcher.js';
import { OriginFunctionFailure, checkOrigin } from '../policy/check-origin.js';
import type { Grant } from '../policy/grant.js';
import { intersectGrants, strongestGrant } from './combine-grants.js';
import type { Candidate } from './candidate.js';
import type { Combine, CorsQuestion } from './cors-question.js';
import type { AllowedVerdict, CorsVerdict, RefusedVerdict } from './cors-verdict.js';
import { originFunctionRefusal, refusal } from './refusal-text.js';
import { DecisionReporting, reportDecision } from './report-decision.js';

/** The module-wide rules a decision follows, fixed at startup. */
export interface DecisionRules {
  /** Longest wait for an async origin function, in ms; longer refuses. */
  readonly originCheckTimeout: number;
  /** Handshakes without `Origin` are refused (`websockets.requireOrigin`). */
  readonly requireOrigin: boolean;
  /** Told of every origin function that threw or timed out (an error of the app: always logged). */
  readonly onOriginFunctionFailure: (candidate: Candidate, origin: string, failure: OriginFunctionFailure) => void;
  /**
   * Where decisions are reported (`onDecision`, metrics, the origin report) and, under a
   * report-only rollout, the policy answers follow. Undefined when nothing is reported: the
   * decision is then all there is.
   */
  readonly reporting?: DecisionReporting | undefined;
}

const allowed = (candidate: Candidate | undefined, grant: Grant | undefined, reason: AllowedVerdict['reason'] = 'allowed'): AllowedVerdict => ({
  allowed: true,
  reason,
  grant,
  candidate,
});

/**
 * The decision core: every transport asks this one function, and every decision is reported
 * from here (`rules.reporting`: one property read when nothing is reported). Under a report-only
 * rollout the answer is the verdict of `reporting.behind` on the same question, and the verdict of
 * `candidates` is only reported. The verdict of `candidates` (see `judge`) is, in order:
 * 0. a refusal found while parsing the request (`question.malformed`), as it is;
 * 1. no `Origin`: not a cross-origin browser request; allowed (`no-origin`, granting only what
 *    a response without `Origin` carries), except handshakes under `requireOrigin`;
 * 2. a handshake from the server's own origin (`ownOrigin`): allowed without asking a policy;
 * 3. WebSocket transports: `null` and malformed origins are refused whatever the policy (`*`
 *    included: a handshake carries the browser's cookies, and nothing in the browser stops a
 *    page from reading the connection);
 * 4. no candidate: refused;
 * 5. each candidate: no CORS refuses it; a preflight's method and headers must be listed;
 * 6. each remaining candidate's origin rule (`checkOrigin`: static rules, runtime origins,
 *    origin functions, which fail closed);
 * 7. the candidates combine as `combine` says (see `Combine`), into one grant.
 * Synchronous unless an origin function answers asynchronously; the promise never rejects.
 */
export function decide(question: CorsQuestion, candidates: readonly Candidate[], combine: Combine, rules: DecisionRules): CorsVerdict | Promise<CorsVerdict> {
  const verdict = judge(question, candidates, combine, rules);
  const reporting = rules.reporting;
  if (reporting === undefined) return verdict;
  const behind = reporting.behind;
  return reportDecision(question, candidates, verdict, behind === undefined ? undefined : judge(question, [behind], 'every', rules), reporting);
}

/** The verdict of `candidates` on `question` (see `decide`). */
function judge(question: CorsQuestion, candidates: readonly Candidate[], combine: Combine, rules: DecisionRules): CorsVerdict | Promise<CorsVerdict> {
  if (question.malformed !== undefined) return question.malformed;
  const origin = question.origin;
  if (origin === undefined) {
    if (question.kind === 'handshake' && rules.requireOrigin) return refusal('origin-required', undefined);
    return allowed(candidates[0], candidates.length === 1 ? candidates[0]!.policy : grantOf(candidates, combine), 'no-origin');
  }
  if (question.ownOrigin === true) return allowed(undefined, undefined, 'same-origin');
  if (question.transport !== 'http') {
    if (origin === 'null') return refusal('origin-null', undefined);
    if (!OriginMatcher.isCandidate(origin)) return refusal('malformed-origin', undefined);
  }
  if (candidates.length === 1) return decideOne(question, origin, candidates[0]!, rules);
  if (candidates.length === 0) return question.transport === 'http' ? refusal('no-route', undefined, question) : refusal('no-gateway', undefined);
  return decideMany(question, origin, candidates, combine, rules);
}

/** The grant of candidates without asking their origin rules (requests without `Origin`). */
function grantOf(candidates: readonly Candidate[], combine: Combine): Grant | undefined {
  const grants = candidates.flatMap((c) => (c.policy === undefined ? [] : [c.policy]));
  if (grants.length === 0) return undefined;
  return combine === 'every' ? intersectGrants(grants) : strongestGrant(grants);
}

/** Step 5: what refuses a candidate before its origin rule is asked. */
function precheck(question: CorsQuestion, candidate: Candidate): RefusedVerdict | undefined {
  const policy = candidate.policy;
  if (policy === undefined) return refusal('cors-disabled', candidate, { transport: question.transport });
  if (question.kind !== 'preflight') return undefined;
  const method = question.method!;
  if (policy.methods !== undefined && !policy.methods.has(method)) return refusal('method-not-allowed', candidate, { asked: method });
  const allowedHeaders = policy.allowedHeaders;
  if (allowedHeaders !== undefined) {
    for (const name of question.headerNames ?? []) {
      if (!allowedHeaders.has(name)) return refusal('header-not-allowed', candidate, { asked: name });
    }
  }
  return undefined;
}

/** Step 6 for one candidate: true, false with the refusal, or a promise of either (never rejects). */
function askOrigin(question: CorsQuestion, origin: string, candidate: Candidate, rules: DecisionRules): RefusedVerdict | true | Promise<RefusedVerdict | true> {
  const policy = candidate.policy!;
  // The common cases first, without closures: a static rule or runtime origin allows it, or nothing else could.
  if (policy.anyOrigin || policy.matcher.matches(origin)) return true;
  if (policy.originFunction === undefined) return refusal('origin-not-allowed', candidate);
  let failure: OriginFunctionFailure | undefined;
  const answer = checkOrigin(policy, origin, question.request, rules.originCheckTimeout, (found) => {
    failure = found;
    rules.onOriginFunctionFailure(candidate, origin, found);
  });
  const finish = (ok: boolean): RefusedVerdict | true => (ok ? true : failure !== undefined ? originFunctionRefusal(candidate, failure) : refusal('origin-not-allowed', candidate));
  return typeof answer === 'boolean' ? finish(answer) : answer.then(finish, () => refusal('internal-error', candidate));
}

function decideOne(question: CorsQuestion, origin: string, candidate: Candidate, rules: DecisionRules): CorsVerdict | Promise<CorsVerdict> {
  const refused = precheck(question, candidate);
  if (refused !== undefined) return refused;
  const answer = askOrigin(question, origin, candidate, rules);
  if (answer === true) return allowed(candidate, candidate.policy);
  if (!(answer instanceof Promise)) return answer;
  return answer.then((a) => (a === true ? allowed(candidate, candidate.policy) : a));
}

function decideMany(question: CorsQuestion, origin: string, candidates: readonly Candidate[], combine: Combine, rules: DecisionRules): CorsVerdict | Promise<CorsVerdict> {
  const refusals: RefusedVerdict[] = [];
  const asked: Candidate[] = [];
  for (const candidate of candidates) {
    const refused = precheck(question, candidate);
    if (refused === undefined) asked.push(candidate);
    else if (combine === 'every') return refused;
    else refusals.push(refused);
  }
  const answers = asked.map((candidate) => askOrigin(question, origin, candidate, rules));
  const finish = (results: ReadonlyArray<RefusedVerdict | true>): CorsVerdict => {
    const allowing = asked.filter((_, i) => results[i] === true);
    if (combine === 'every') {
      const refusedAt = results.findIndex((r) => r !== true);
      if (refusedAt !== -1) return results[refusedAt] as RefusedVerdict;
      return allowed(asked[0], intersectGrants(asked.map((c) => c.policy!)));
    }
    if (allowing.length > 0) {
      const grant = strongestGrant(allowing.map((c) => c.policy!));
      return allowed(allowing.find((c) => c.policy === grant), grant);
    }
    for (const r of results) if (r !== true) refusals.push(r);
    return refusals.length === 1 ? refusals[0]! : refusal('no-candidate-allows', undefined, { parts: refusals });
  };
  if (answers.every((a) => !(a instanceof Promise))) return finish(answers as Array<RefusedVerdict | true>);
  return Promise.all(answers).then(finish, () => refusal('internal-error', undefined));
}
