import { CORS_DEFAULT_POLICY } from '../../cors.constants.js';
import type { CorsTable } from '../table/cors-table.js';
import { validateRuntimeOrigin } from '../policy/validate-runtime-origin.js';
import { parseOriginSetting } from '../origin/origin-setting.js';
import type { OriginPattern } from '../origin/origin-pattern.js';
import type { RuntimeOrigins } from '../origin/runtime-origins.js';
import type { FieldProblem } from '../policy/validate-policy-options.js';
import type { CorsPolicyOptions } from '../../interfaces/cors-policy-options.interface.js';

/**
 * The runtime origin sets of the module defaults (`CORS_DEFAULT_POLICY`) and of each named policy, as built, and
 * the rules for changing them. Compiled policies hold the same `RuntimeOrigins` instances, so a
 * change here applies to every route of the policy at once, without recompiling.
 */
export class RuntimeOriginRegistry {
  /** Per policy name: every merged policy an origin added there would join. */
  private readonly joined = new Map<string, CorsPolicyOptions[]>();

  constructor(private readonly table: CorsTable) {
    for (const [name, options] of table.policyOptions) this.joined.set(name, [options]);
    for (const endpoint of [...table.routes, ...table.paths, ...table.gateways]) {
      const from = endpoint.effective?.runtimeOriginsFrom;
      if (endpoint.policy && from !== undefined) this.joined.get(from)?.push(endpoint.effective!.options);
    }
  }

  /** The set of a policy (`CORS_DEFAULT_POLICY` = module defaults), or undefined for an unknown name. */
  originsOf(policyName: string): RuntimeOrigins | undefined {
    return this.table.runtimeOrigins.get(policyName);
  }

  /** Names of the configured policies. */
  policyNames(): string[] {
    return this.names().filter((name) => name !== CORS_DEFAULT_POLICY);
  }

  /** Every name a runtime origin can be added under: `CORS_DEFAULT_POLICY` and the configured policies. */
  names(): string[] {
    return [...this.table.runtimeOrigins.keys()];
  }

  /**
   * Validates an origin the way configured origins are, against the policy itself and every
   * route, `paths` entry and gateway whose origins come from it (any of them may add `credentials: true`
   * on top of the policy).
   */
  validate(origin: string, policyName: string): FieldProblem[] {
    return validateRuntimeOrigin(origin, this.joined.get(policyName) ?? []);
  }

  /** Adds or removes an origin in this instance only (validated by the caller); whether anything changed. */
  apply(type: 'add' | 'remove', policyName: string, origin: string): boolean {
    const set = this.table.runtimeOrigins.get(policyName);
    if (!set) return false;
    if (type === 'remove') return set.remove(origin);
    const setting = parseOriginSetting(origin);
    if (setting.kind === 'exact') set.addExact(setting.origin);
    else if (setting.kind === 'pattern') set.addPattern(setting.pattern);
    else return false;
    return true;
  }

  /** Replaces every runtime origin of a policy at once (validated by the caller). */
  replace(policyName: string, origins: readonly string[]): void {
    const exact: string[] = [];
    const patterns: OriginPattern[] = [];
    for (const origin of origins) {
      const setting = parseOriginSetting(origin);
      if (setting.kind === 'exact') exact.push(setting.origin);
      else if (setting.kind === 'pattern') patterns.push(setting.pattern);
    }
    this.table.runtimeOrigins.get(policyName)?.replaceAll(exact, patterns);
  }
}
