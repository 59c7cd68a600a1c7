import { CorsPolicyOptions } from '../../interfaces/cors-policy-options.interface.js';
import { OriginDecisionCache } from '../origin/origin-decision-cache.js';
import { OriginMatcher } from '../origin/origin-matcher.js';
import { OriginPattern } from '../origin/origin-pattern.js';
import { parseOriginSetting } from '../origin/origin-setting.js';
import { RuntimeOrigins } from '../origin/runtime-origins.js';
import { CompiledPolicy } from './compiled-policy.js';
import { fixedPreflightHeaders } from './grant.js';

/**
 * Compiles validated, merged options into the form the request path reads.
 * `runtime` is the shared runtime-origin set of the policy the origin came from, if any.
 */
export function compilePolicy(
  options: CorsPolicyOptions,
  runtime: RuntimeOrigins | undefined,
  originsFrom: string,
  originCache?: OriginDecisionCache,
): CompiledPolicy {
  const origin = options.origin;
  const exact = new Set<string>();
  const patterns: OriginPattern[] = [];
  const regexps: RegExp[] = [];
  const items = Array.isArray(origin) ? origin : [origin];
  for (const item of items) {
    if (item instanceof RegExp) {
      // A private copy: the caller's RegExp object can be changed after startup.
      regexps.push(new RegExp(item.source, item.flags));
    } else if (typeof item === 'string' && item !== '*') {
      const setting = parseOriginSetting(item);
      if (setting.kind === 'exact') exact.add(setting.origin);
      else if (setting.kind === 'pattern') patterns.push(setting.pattern);
    }
  }
  const list = (value: string[] | '*' | undefined) => (value === undefined || value === '*' ? undefined : value);
  const allowed = list(options.allowedHeaders);
  const exposed = options.exposedHeaders;
  const anyOrigin = origin === '*';
  const credentials = options.credentials === true;
  return {
    anyOrigin,
    matcher: new OriginMatcher(exact, patterns, regexps, runtime),
    originFunction: typeof origin === 'function' ? origin : undefined,
    originCache: typeof origin === 'function' ? originCache : undefined,
    credentials,
    methods: options.methods ? new Set(options.methods) : undefined,
    allowedHeaders: allowed ? new Set(allowed.map((h) => h.toLowerCase())) : undefined,
    exposeHeaders: exposed === '*' ? '*' : exposed && exposed.length > 0 ? exposed.join(', ') : undefined,
    maxAgeSeconds: options.maxAge,
    allowPrivateNetwork: options.allowPrivateNetwork === true,
    successStatus: options.optionsSuccessStatus ?? 204,
    preflightHeaders: fixedPreflightHeaders(anyOrigin, credentials, options.maxAge),
    originsFrom,
  };
}
