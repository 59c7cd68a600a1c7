import type { CorsPolicyOptions } from '../../interfaces/cors-policy-options.interface.js';
import { OriginDecisionCache } from '../origin/origin-decision-cache.js';
import type { RuntimeOrigins } from '../origin/runtime-origins.js';
import { compilePolicy } from '../policy/compile-policy.js';
import type { CompiledPolicy } from '../policy/compiled-policy.js';
import type { EffectivePolicy } from '../policy/merge-policy.js';

/**
 * Compiles merged policies for the build, each distinct configuration once: everything that
 * shares a configuration key (for most apps, every route that only uses the module defaults)
 * shares one `CompiledPolicy`. Origin caches are shared per origin function and cache settings.
 */
export interface PolicyCompiler {
  /**
   * The compiled policy of a configuration key. `inlineOwner` names where inline origins were
   * written (`@Cors() on ItemsController`, `paths['/graphql']`), for log lines; it is called only
   * when the key is compiled for the first time.
   */
  compile(key: string, effective: EffectivePolicy, inlineOwner: () => string): CompiledPolicy;
  /** Every origin cache created so far. */
  caches(): OriginDecisionCache[];
}

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
    compile(key, effective, inlineOwner) {
      let policy = compiled.get(key);
      if (policy) return policy;
      const from = effective.runtimeOriginsFrom;
      const source = effective.sources.origin;
      const originsFrom =
        source === 'module' ? 'the module defaults' : source?.startsWith('policy:') ? `policy "${source.slice(7)}"` : inlineOwner();
      const runtime = from === undefined ? undefined : runtimeOrigins.get(from);
      policy = compilePolicy(effective.options, runtime, originsFrom, cacheFor(effective.options));
      compiled.set(key, policy);
      return policy;
    },
    caches: () => [...caches.values()].flatMap((byBounds) => [...byBounds.values()]),
  };
}
