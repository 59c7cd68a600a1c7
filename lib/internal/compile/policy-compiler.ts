import type { CorsPolicyOptions } from '../../interfaces/cors-policy-options.interface.js';
import { OriginDecisionCache } from '../origin/origin-decision-cache.js';
import type { RuntimeOrigins } from '../origin/runtime-origins.js';
import { compilePolicy } from '../policy/compile-policy.js';
import type { CompiledPolicy } from '../policy/compiled-policy.js';
import type { EffectivePolicy } from '../policy/merge-policy.js';

/**
 * The compile stage: compiles merged policies, each distinct configuration once: every endpoint
 * with the same configuration key (`configuration-key.ts`; for most apps, every route, `paths`
 * entry and gateway that only uses the module defaults) shares one `CompiledPolicy`. Origin
 * caches are shared per origin function and cache settings.
 */
export interface PolicyCompiler {
  /**
   * The compiled policy of a configuration key. `originsFrom` describes where its origin rule
   * comes from (`describeOrigins`), for log lines; it is called only when the key is compiled
   * for the first time.
   */
  compile(key: string, effective: EffectivePolicy, originsFrom: () => string): CompiledPolicy;
  /** Every origin cache created so far. */
  caches(): OriginDecisionCache[];
}

/** A compiler for one build; `runtimeOrigins` are the sets of the module defaults (`CORS_DEFAULT_POLICY`) and each named policy. */
export function createPolicyCompiler(runtimeOrigins: ReadonlyMap<string, RuntimeOrigins>): PolicyCompiler {
  const compiled = new Map<string, CompiledPolicy>();
  const caches = new Map<unknown, Map<string, OriginDecisionCache>>();
  const cacheFor = (options: CorsPolicyOptions): OriginDecisionCache | undefined => {
    const fn = options.origin;
    const settings = options.originCache;
    if (typeof fn !== 'function' || !settings) return undefined;
    const bounds = {
      ttl: settings.ttl,
      negativeTtl: settings.negativeTtl ?? Math.min(settings.ttl, 5000),
      max: settings.max ?? 10_000,
      maxNegative: settings.maxNegative ?? 10_000,
    };
    let byBounds = caches.get(fn);
    if (!byBounds) caches.set(fn, (byBounds = new Map()));
    const key = `${bounds.ttl}|${bounds.negativeTtl}|${bounds.max}|${bounds.maxNegative}`;
    let cache = byBounds.get(key);
    if (!cache) byBounds.set(key, (cache = new OriginDecisionCache(bounds)));
    return cache;
  };
  return {
    compile(key, effective, originsFrom) {
      let policy = compiled.get(key);
      if (policy) return policy;
      const from = effective.runtimeOriginsFrom;
      const runtime = from === undefined ? undefined : runtimeOrigins.get(from);
      policy = compilePolicy(effective.options, runtime, originsFrom(), cacheFor(effective.options));
      compiled.set(key, policy);
      return policy;
    },
    caches: () => [...caches.values()].flatMap((byBounds) => [...byBounds.values()]),
  };
}
