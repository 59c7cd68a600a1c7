import type { CorsPolicyOptions } from '../../interfaces/cors-policy-options.interface.js';
import type { CompiledPolicy } from '../policy/compiled-policy.js';
import type { CorsMetadata } from '../policy/cors-metadata.js';
import { type EffectivePolicy, resolveRoutePolicy, withDefaultMethods } from '../policy/merge-policy.js';
import { validateCombination } from '../policy/validate-combination.js';
import type { FieldProblem } from '../policy/validate-policy-options.js';
import { placeEndpointProblem } from './combination-problems.js';
import { ConfigurationKeys } from './configuration-key.js';
import { describeOrigins } from './describe-origins.js';
import type { CheckContext, ConfiguredLevel, EndpointSource } from './endpoint-source.js';
import type { PolicyCompiler } from './policy-compiler.js';
import type { ProblemCollector } from './problem-collector.js';
import { validateDecorator } from './validate-decorator.js';

/** An endpoint after check, merge and key: the input of compilation. */
export interface MergedEndpoint<F> {
  readonly facts: F;
  readonly levels: readonly ConfiguredLevel[];
  /** Shared by every endpoint with the same key; undefined when the endpoint has no CORS. */
  readonly effective: EffectivePolicy | undefined;
  /** Its configuration key; undefined when it has no CORS. */
  readonly key: string | undefined;
}

/** A merged policy, before the kind's default methods, and what is wrong with its combinations. */
interface Merged {
  readonly effective: EffectivePolicy;
  readonly problems: readonly FieldProblem[];
}

/** An endpoint after compile and describe: what its kind puts in the table. */
export interface CompiledEndpoint<F> {
  readonly facts: F;
  readonly effective: EffectivePolicy | undefined;
  /** Shared by every endpoint with the same configuration key; undefined when it has no CORS. */
  readonly policy: CompiledPolicy | undefined;
}

/**
 * The one build pipeline every kind of endpoint goes through, in stages:
 * 1. check: the kind validates where the endpoint's configuration is written (`EndpointSource.check`);
 * 2. merge: `resolveRoutePolicy`, the one merge, over its levels, once per distinct merge key
 *    (what the merge applies); the merged policy is checked (unsafe combinations, reported where
 *    they first appear: `combination-problems.ts`; then the kind's own `checkMerged`);
 * 3. key: its configuration key (`ConfigurationKeys`): the merge key and the kind's default
 *    methods; endpoints with the same key share the merged policy, default methods applied;
 * 4. compile: once the whole configuration is valid, each key once (`PolicyCompiler`);
 * 5. describe: where each compiled policy's origins come from (`describeOrigins`).
 * Problems of every stage go to the one `ProblemCollector`, in the order endpoints are given.
 */
export class EndpointPipeline {
  private readonly keys: ConfigurationKeys;
  /** By merge key. */
  private readonly merged = new Map<string, Merged | undefined>();
  /** By configuration key: what endpoints share. */
  private readonly shared = new Map<string, EffectivePolicy>();
  private readonly checkedDecorators = new Set<CorsMetadata>();
  private readonly context: CheckContext;

  constructor(
    private readonly defaults: CorsPolicyOptions,
    private readonly policies: Readonly<Record<string, CorsPolicyOptions>>,
    private readonly collector: ProblemCollector,
  ) {
    this.keys = new ConfigurationKeys(policies);
    this.context = {
      policies,
      collector,
      checkDecorator: (metadata, location) => {
        if (this.checkedDecorators.has(metadata)) return;
        this.checkedDecorators.add(metadata);
        collector.add(location, validateDecorator(metadata, policies));
      },
    };
  }

  /** Check, merge and key every endpoint of one kind, in order. */
  checkAndMerge<F>(source: EndpointSource<F>, endpoints: readonly F[]): MergedEndpoint<F>[] {
    const result: MergedEndpoint<F>[] = [];
    for (const facts of endpoints) {
      const levels = source.check(facts, this.context);
      if (levels === undefined) continue;
      const mergeKey = this.keys.mergeKey(levels);
      const merged = mergeKey === undefined ? undefined : this.merge(mergeKey, levels);
      if (mergeKey === undefined || merged === undefined) {
        result.push({ facts, levels, effective: undefined, key: undefined });
        continue;
      }
      for (const problem of merged.problems) {
        const placed = placeEndpointProblem(problem, merged.effective, levels);
        if (placed) this.collector.addForRoute(placed.location, source.name(facts), [placed.problem]);
      }
      source.checkMerged?.(facts, merged.effective, this.collector);
      const key = this.keys.configurationKey(mergeKey, merged.effective, source.defaultMethods);
      let effective = this.shared.get(key);
      if (effective === undefined) this.shared.set(key, (effective = withDefaultMethods(merged.effective, source.defaultMethods)!));
      result.push({ facts, levels, effective, key });
    }
    return result;
  }

  /** The one merge, once per merge key, with the problems of its combinations; undefined when it leaves no CORS. */
  private merge(mergeKey: string, levels: readonly ConfiguredLevel[]): Merged | undefined {
    if (this.merged.has(mergeKey)) return this.merged.get(mergeKey);
    const effective = resolveRoutePolicy(this.defaults, this.policies, levels);
    const merged = effective && { effective, problems: validateCombination(effective.options) };
    this.merged.set(mergeKey, merged);
    return merged;
  }

  /** Compile and describe; only for a configuration without problems. */
  compile<F>(endpoints: readonly MergedEndpoint<F>[], compiler: PolicyCompiler): CompiledEndpoint<F>[] {
    return endpoints.map(({ facts, levels, effective, key }) => ({
      facts,
      effective,
      policy: effective && compiler.compile(key!, effective, () => describeOrigins(effective, levels)),
    }));
  }
}
