import { CORS_DEFAULT_POLICY } from '../../cors.constants.js';
import { CorsPolicyOptions } from '../../interfaces/cors-policy-options.interface.js';
import { CorsPolicySource } from '../../interfaces/route-cors-info.interface.js';
import type { CorsMetadata } from './cors-metadata.js';
import { POLICY_FIELDS, PolicyField } from './policy-fields.js';

/** Merged options and where each field came from. */
export interface EffectivePolicy {
  options: CorsPolicyOptions;
  sources: Partial<Record<PolicyField, CorsPolicySource>>;
  /** The policy whose runtime origins apply: `CORS_DEFAULT_POLICY` for the module defaults, a name, or undefined for inline origins. */
  runtimeOriginsFrom?: string;
}

/** The decorator of one level, closest last. */
export interface DecoratorLevel {
  level: 'controller' | 'handler' | 'path' | 'gateway';
  metadata: CorsMetadata | undefined;
}

function isOptionsObject(value: unknown): value is CorsPolicyOptions {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The levels the merge applies, closest last: all of them, or only those closer than the
 * closest `@Cors(false)`; undefined when that `@Cors(false)` decides (no closer level enables
 * CORS again).
 */
export function contributingLevels<L extends DecoratorLevel>(levels: readonly L[]): readonly L[] | undefined {
  for (let i = levels.length - 1; i >= 0; i--) {
    if (levels[i]!.metadata?.disabled) {
      const closer = levels.slice(i + 1);
      return closer.some((l) => l.metadata && !l.metadata.disabled) ? closer : undefined;
    }
  }
  return levels;
}

/** What one level adds to the merge, applied in this order: a known named policy, then the inline options beside it. */
export function levelContribution(
  metadata: CorsMetadata | undefined,
  policies: Readonly<Record<string, CorsPolicyOptions>>,
): { policyName: string | undefined; options: CorsPolicyOptions | undefined } {
  if (!metadata || metadata.disabled) return { policyName: undefined, options: undefined };
  const name = metadata.policyName;
  return {
    policyName: typeof name === 'string' && Object.hasOwn(policies, name) ? name : undefined,
    options: isOptionsObject(metadata.options) ? metadata.options : undefined,
  };
}

/**
 * The one merge of this library. Starts from the module defaults (the policy fields of the
 * module options), then applies each level, closest last: each field comes from the closest
 * level that sets it (lists replace, they do not union). A named reference contributes the
 * named policy's fields, then the overrides beside it. `@Cors(false)` drops everything outside
 * it unless a closer level enables CORS again, in which case `undefined` is returned only when
 * the closest decision is "disabled". The origin may be unset in the result.
 */
function mergePolicy(
  defaults: CorsPolicyOptions,
  policies: Readonly<Record<string, CorsPolicyOptions>>,
  levels: readonly DecoratorLevel[],
): EffectivePolicy | undefined {
  const contributing = contributingLevels(levels);
  if (!contributing) return undefined;
  const effective: EffectivePolicy = { options: {}, sources: {}, runtimeOriginsFrom: CORS_DEFAULT_POLICY };
  const apply = (options: CorsPolicyOptions, source: CorsPolicySource, runtimeKey: string | undefined) => {
    for (const field of POLICY_FIELDS) {
      if (options[field] === undefined) continue;
      (effective.options as Record<string, unknown>)[field] = options[field];
      effective.sources[field] = source;
      if (field === 'origin') effective.runtimeOriginsFrom = runtimeKey;
    }
  };
  apply(defaults, 'module', CORS_DEFAULT_POLICY);
  for (const { level, metadata } of contributing) {
    const { policyName, options } = levelContribution(metadata, policies);
    if (policyName !== undefined) apply(policies[policyName]!, `policy:${policyName}`, policyName);
    if (options) apply(options, level, undefined);
  }
  return effective;
}

/**
 * A route's effective policy: the merge, or undefined when the route has no CORS (disabled, or
 * no effective origin).
 */
export function resolveRoutePolicy(
  defaults: CorsPolicyOptions,
  policies: Readonly<Record<string, CorsPolicyOptions>>,
  levels: readonly DecoratorLevel[],
): EffectivePolicy | undefined {
  const effective = mergePolicy(defaults, policies, levels);
  const origin = effective?.options.origin;
  return origin === undefined || origin === false ? undefined : effective;
}

/** The policy fields of the module options: the defaults every route starts from. */
export function moduleDefaults(options: CorsPolicyOptions): CorsPolicyOptions {
  return mergePolicy(options, {}, [])!.options;
}

/** A named policy merged over the module defaults, with where each field came from. */
export function namedPolicy(defaults: CorsPolicyOptions, policies: Readonly<Record<string, CorsPolicyOptions>>, name: string): EffectivePolicy {
  return mergePolicy(defaults, policies, [{ level: 'controller', metadata: { disabled: false, policyName: name } }])!;
}

/** A named policy's options merged over the module defaults; `CORS_DEFAULT_POLICY` is the module defaults themselves. */
export function namedPolicyOptions(
  defaults: CorsPolicyOptions,
  policies: Readonly<Record<string, CorsPolicyOptions>>,
  name: string,
): CorsPolicyOptions {
  return name === CORS_DEFAULT_POLICY ? defaults : namedPolicy(defaults, policies, name).options;
}

/**
 * The methods of an endpoint whose methods the server cannot know (a `paths` entry, a gateway's
 * polling): the policy's own `methods`, else `methods` (undefined: none, as for a route).
 */
export function withDefaultMethods(effective: EffectivePolicy | undefined, methods: readonly string[] | undefined): EffectivePolicy | undefined {
  if (!effective || !methods || effective.options.methods !== undefined) return effective;
  return { ...effective, options: { ...effective.options, methods: [...methods] } };
}
