import { CORS_DEFAULT_POLICY } from '../../cors.constants.js';
import { CorsConfigurationError } from '../../errors/cors-configuration.error.js';
import type { CorsModuleAsyncOptions } from '../../interfaces/cors-module-options.interface.js';
import { CorsPolicyOptions } from '../../interfaces/cors-policy-options.interface.js';
import { namedPolicy } from '../policy/merge-policy.js';
import { validatePolicyFields } from '../policy/validate-policy-options.js';
import { validateCombination } from '../policy/validate-combination.js';
import { placePolicyProblem } from './combination-problems.js';
import { ProblemCollector } from './problem-collector.js';

/** Where module-level problems are reported. */
export const MODULE_LOCATION = 'CorsModule options';

/** The named policies of the module options, or none when that option is not an object. */
export function policiesOf(options: { policies?: unknown }): Record<string, CorsPolicyOptions> {
  const policies = options.policies;
  return policies && typeof policies === 'object' ? (policies as Record<string, CorsPolicyOptions>) : {};
}

/**
 * Validates the module options and every named policy (each merged over the defaults; a
 * combination only the defaults make is reported at the module options, not again at each policy).
 */
export function validateModuleOptions(
  options: object,
  defaults: CorsPolicyOptions,
  policies: Readonly<Record<string, CorsPolicyOptions>>,
  collector: ProblemCollector,
): void {
  collector.add(MODULE_LOCATION, validatePolicyFields(options, true));
  collector.add(MODULE_LOCATION, validateCombination(defaults));
  for (const [name, policy] of Object.entries(policies)) {
    const location = `policies.${name}`;
    if (name === CORS_DEFAULT_POLICY || name === '') {
      const why = name === '' ? 'a policy needs a name' : `"${CORS_DEFAULT_POLICY}" names the module defaults (CORS_DEFAULT_POLICY)`;
      collector.add(MODULE_LOCATION, [{ code: 'reserved-policy-name', field: `policies.${JSON.stringify(name)}`, value: name, message: `${why}: rename this policy` }]);
    }
    collector.add(location, validatePolicyFields(policy));
    const merged = namedPolicy(defaults, policies, name);
    collector.add(location, validateCombination(merged.options).flatMap((problem) => placePolicyProblem(problem, merged, name) ?? []));
  }
}

/** `forRootAsync()` takes exactly one way of creating the options; anything else is refused at once. */
export function validateAsyncOptions(options: CorsModuleAsyncOptions): void {
  const given = (['useFactory', 'useClass', 'useExisting'] as const).filter((key) => options?.[key] !== undefined);
  if (given.length === 1) return;
  throw new CorsConfigurationError([
    {
      code: 'invalid-option',
      field: given.length === 0 ? 'forRootAsync()' : given.join(', '),
      value: given.length === 0 ? undefined : given,
      location: 'CorsModule.forRootAsync()',
      message:
        given.length === 0
          ? 'needs one of useFactory, useClass or useExisting'
          : `takes exactly one of useFactory, useClass or useExisting; ${given.length} were given: keep the one that creates the options`,
    },
  ]);
}
