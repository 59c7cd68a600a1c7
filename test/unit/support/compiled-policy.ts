import { OriginMatcher } from '../../../lib/internal/origin/origin-matcher.js';
import { CompiledPolicy } from '../../../lib/internal/policy/compiled-policy.js';

/** A compiled policy with nothing allowed, plus the given fields. */
export function compiledPolicy(fields: Partial<CompiledPolicy> = {}): CompiledPolicy {
  return {
    anyOrigin: false,
    matcher: new OriginMatcher(new Set(), [], [], undefined),
    originFunction: undefined,
    originCache: undefined,
    credentials: false,
    methods: undefined,
    allowedHeaders: undefined,
    exposeHeaders: undefined,
    maxAge: undefined,
    allowPrivateNetwork: false,
    successStatus: 204,
    originsFrom: 'the module defaults',
    ...fields,
  };
}
