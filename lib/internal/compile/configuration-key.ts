import type { CorsPolicyOptions } from '../../interfaces/cors-policy-options.interface.js';
import { type EffectivePolicy, contributingLevels, levelContribution } from '../policy/merge-policy.js';
import type { ConfiguredLevel } from './endpoint-source.js';

/**
 * The one configuration key of the build, for routes, `paths` entries and gateways alike.
 * Endpoints with the same key have the same merged policy and the same description of its
 * origins, so they share one `EffectivePolicy` and one `CompiledPolicy`, whatever their kind.
 *
 * A key lists what the merge applies over the module defaults, closest last: each named policy
 * by name, each inline options object by identity with its level and where it is written (log
 * lines name that place for inline origins), each only where it is applied last; then the
 * endpoint kind's own methods when the merged policy sets none. `defaults` alone is the module
 * defaults. Configurations that only happen to be equal (two options objects with the same
 * fields) get different keys: compiled twice, still correct.
 */
export class ConfigurationKeys {
  private readonly ids = new Map<object, number>();

  constructor(private readonly policies: Readonly<Record<string, CorsPolicyOptions>>) {}

  /**
   * What the merge applies from `levels`, as a key: endpoints with the same one merge into the
   * same policy. Undefined when a `@Cors(false)` decides (no CORS, nothing to merge).
   */
  mergeKey(levels: readonly ConfiguredLevel[]): string | undefined {
    const contributing = contributingLevels(levels);
    if (contributing === undefined) return undefined;
    const parts: string[] = [];
    for (const { level, metadata, location } of contributing) {
      const { policyName, options } = levelContribution(metadata, this.policies);
      if (policyName !== undefined) parts.push(`policy:${JSON.stringify(policyName)}`);
      if (options) parts.push(`${level}:#${this.idOf(options)}@${JSON.stringify(location)}`);
    }
    // Applied again closer, a contribution sets every field it set before: only the last counts
    // (`@Cors('admins')` on a gateway under `websockets.policy: 'admins'` is `admins` once).
    const applied = parts.filter((part, i) => parts.indexOf(part, i + 1) === -1);
    return applied.length === 0 ? 'defaults' : applied.join(' ');
  }

  /** The configuration key of an endpoint: its merge key, and its kind's methods when the merged policy sets none. */
  configurationKey(mergeKey: string, merged: EffectivePolicy, defaultMethods: readonly string[] | undefined): string {
    return merged.options.methods === undefined && defaultMethods ? `${mergeKey} methods:${defaultMethods.join(',')}` : mergeKey;
  }

  private idOf(options: object): number {
    let id = this.ids.get(options);
    if (id === undefined) this.ids.set(options, (id = this.ids.size + 1));
    return id;
  }
}
