import { OriginMatcher } from '../origin/origin-matcher.js';
import { OriginFunctionFailure, checkOrigin } from '../policy/check-origin.js';
import type { CompiledPolicy } from '../policy/compiled-policy.js';
import { HandshakeRequest, ownOrigin } from './own-origin.js';

/** The module's `websockets` rules a handshake is judged by. */
export interface HandshakeRules {
  readonly requireOrigin: boolean;
  readonly sameOrigin: boolean;
  readonly trustForwardedHeaders: boolean;
  readonly originCheckTimeout: number;
}

/** One gateway a handshake may reach: its policy (undefined = no CORS) and its name in logs. */
export interface HandshakeTarget {
  readonly policy: CompiledPolicy | undefined;
  readonly label: string;
}

/**
 * Who must allow the origin: `every` target (one socket.io namespace, one ws server: each
 * connection reaches every gateway there) or `some` target (a socket.io engine shared by
 * namespaces, which then check their own gateways on connect).
 */
export type Quorum = 'every' | 'some';

/** The verdict on a handshake; `allowedBy` lists the policies that allowed the origin (for CORS headers). */
export type HandshakeVerdict =
  | { readonly admitted: true; readonly why: 'no-origin' | 'same-origin' | 'allowed'; readonly allowedBy: readonly CompiledPolicy[] }
  | { readonly admitted: false; readonly reason: string };

const refused = (reason: string): HandshakeVerdict => ({ admitted: false, reason });

/**
 * Why an `Origin` value can never be allowed on a handshake, whatever the policy (`'*'`
 * included): `null` and values that are not a serialized origin. Undefined for a well-formed origin.
 */
export function malformedOrigin(origin: string): string | undefined {
  if (origin === 'null') return 'Origin null (sandboxed iframes, file: and data: pages, redirects) is never allowed';
  return OriginMatcher.isCandidate(origin) ? undefined : 'malformed Origin';
}

/** The handshake's `Origin`, with repeated header lines joined as they arrived (a malformed value, refused). */
export function handshakeOrigin(request: HandshakeRequest): string | undefined {
  const origin = request.headers.origin;
  return Array.isArray(origin) ? origin.join(', ') : origin;
}

/**
 * Decides whether a WebSocket handshake (or a socket.io namespace connect) is admitted:
 * 1. no `Origin`: not a browser; admitted unless `requireOrigin`;
 * 2. the server's own origin (`sameOrigin`, see `ownOrigin`): admitted without asking a policy;
 * 3. `null` or a malformed value: refused;
 * 4. otherwise the gateways' policies (`checkOrigin`: static rules, runtime origins, origin
 *    functions), by `quorum`; a gateway without CORS, or no gateway at all, refuses. An origin
 *    function that throws or times out refuses (reported through `onFailure`).
 * Synchronous unless an origin function answers asynchronously; never throws for a policy's sake.
 */
export function decideHandshake(
  request: HandshakeRequest,
  targets: readonly HandshakeTarget[],
  quorum: Quorum,
  rules: HandshakeRules,
  onFailure: (target: HandshakeTarget, origin: string, failure: OriginFunctionFailure) => void,
): HandshakeVerdict | Promise<HandshakeVerdict> {
  const origin = handshakeOrigin(request);
  if (origin === undefined) {
    return rules.requireOrigin ? refused('no Origin header, and websockets.requireOrigin is set') : { admitted: true, why: 'no-origin', allowedBy: [] };
  }
  if (rules.sameOrigin && origin === ownOrigin(request, rules.trustForwardedHeaders)) return { admitted: true, why: 'same-origin', allowedBy: [] };
  const malformed = malformedOrigin(origin);
  if (malformed !== undefined) return refused(malformed);
  if (targets.length === 0) return refused('no gateway is served here');
  const failures = new Map<HandshakeTarget, OriginFunctionFailure>();
  const answers = targets.map((target) =>
    target.policy === undefined
      ? false
      : checkOrigin(target.policy, origin, request, rules.originCheckTimeout, (failure) => {
          failures.set(target, failure);
          onFailure(target, origin, failure);
        }),
  );
  const finish = (allowed: readonly boolean[]): HandshakeVerdict => {
    const allowedBy = targets.filter((_, i) => allowed[i]).map((t) => t.policy!);
    const admitted = quorum === 'every' ? allowedBy.length === targets.length : allowedBy.length > 0;
    if (admitted) return { admitted: true, why: 'allowed', allowedBy };
    const reasons = targets.filter((_, i) => !allowed[i]).map((target) => reasonOf(target, failures.get(target)));
    return refused(quorum === 'some' && reasons.length > 1 ? `no gateway here allows it (${reasons.join('; ')})` : reasons[0]!);
  };
  if (answers.every((a) => typeof a === 'boolean')) return finish(answers as boolean[]);
  return Promise.all(answers).then(finish, () => refused('origin check failed'));
}

function reasonOf(target: HandshakeTarget, failure: OriginFunctionFailure | undefined): string {
  if (target.policy === undefined) return `${target.label} has no CORS (only same-origin handshakes)`;
  if (failure?.kind === 'timeout') return `origin function timed out after ${failure.ms} ms on ${target.label}`;
  if (failure?.kind === 'threw') return `origin function threw on ${target.label}`;
  return `origin not allowed by ${target.policy.originsFrom} on ${target.label}`;
}
