import { OriginMatcher } from '../../../lib/internal/origin/origin-matcher.js';
import { CompiledPolicy } from '../../../lib/internal/policy/compiled-policy.js';
import { fixedPreflightHeaders } from '../../../lib/internal/policy/grant.js';

/** A compiled policy with nothing allowed, plus the given fields (its fixed preflight headers computed from them, as the compiler does). */
export function compiledPolicy(fields: Partial<Omit<CompiledPolicy, 'preflightHeaders'>> = {}): CompiledPolicy {
  const policy = {
    anyOrigin: false,
    matcher: new OriginMatcher(new Set(), [], [], undefined),
    originFunction: undefined,
    originCache: undefined,
    credentials: false,
    methods: undefined,
    allowedHeaders: undefined,
    exposeHeaders: undefined,
    maxAgeSeconds: undefined,
    allowPrivateNetwork: false,
    successStatus: 204,
    originsFrom: 'the module defaults',
    ...fields,
  };
  return { ...policy, preflightHeaders: fixedPreflightHeaders(policy.anyOrigin, policy.credentials, policy.maxAgeSeconds) };
}
