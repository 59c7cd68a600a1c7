import { CORS_DEFAULT_POLICY } from '../../cors.constants.js';
import { CorsConfigurationError } from '../../errors/cors-configuration.error.js';
import type { CorsModuleAsyncOptions } from '../../interfaces/cors-module-options.interface.js';
import { CorsPolicyOptions } from '../../interfaces/cors-policy-options.interface.js';
import type { CorsMetadata } from '../policy/cors-metadata.js';
import { namedPolicyOptions } from '../policy/merge-policy.js';
import { FieldProblem, validatePolicyFields } from '../policy/validate-policy-options.js';
import { validateCombination } from '../policy/validate-combination.js';
import { closestName } from '../policy/closest-name.js';
import { ProblemCollector } from './problem-collector.js';

/** Where module-level problems are reported. */
export const MODULE_LOCATION = 'CorsModule options';

/** The named policies of the module options, or none when that option is not an object. */
export function policiesOf(options: { policies?: unknown }): Record<string, CorsPolicyOptions> {
  const policies = options.policies;
  return policies && typeof policies === 'object' ? (policies as Record<string, CorsPolicyOptions>) : {};
}

/** Validates the module options and every named policy (each merged over the defaults). */
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
    collector.add(location, validateCombination(namedPolicyOptions(defaults, policies, name)));
  }
}

/** Validates what one `@Cors(...)` was given: a known policy name, valid inline options. */
export function validateDecorator(meta: CorsMetadata, policies: Readonly<Record<string, CorsPolicyOptions>>): FieldProblem[] {
  if (meta.disabled) return [];
  const problems: FieldProblem[] = [];
  if (meta.policyName !== undefined) {
    const name = meta.policyName;
    if (typeof name !== 'string' || !Object.hasOwn(policies, name)) {
      const names = Object.keys(policies);
      const suggestion = typeof name === 'string' ? closestName(name, names) : undefined;
      problems.push({
        code: 'unknown-policy',
        field: '@Cors(policyName)',
        value: name,
        message: suggestion
          ? `no policy of that name: did you mean "${suggestion}"?`
          : `no policy of that name; configured: ${names.length ? names.map((n) => `"${n}"`).join(', ') : 'none (add it to CorsModule.forRoot({ policies }))'}`,
      });
    }
  }
  if (meta.options !== undefined) {
    if (meta.options === true) {
      problems.push({ code: 'invalid-type', field: '@Cors(options)', value: true, message: 'use @Cors() to apply the module defaults here' });
    } else {
      problems.push(...validatePolicyFields(meta.options));
    }
  }
  return problems;
}

/**
 * `@Header('Access-Control-...')` on a route whose CORS this module manages: Nest applies it after
 * the guard, so it would silently replace the policy's answer (an `ACAO: *` for refused origins,
 * or next to credentials). Refused at startup rather than overwritten at request time.
 */
export function validateHeaderDecorators(headers: ReadonlyArray<{ name: string; value: unknown }>): FieldProblem[] {
  return headers
    .filter((header) => header.name.toLowerCase().startsWith('access-control-'))
    .map((header) => ({
      code: 'cors-header-on-route' as const,
      field: `@Header('${header.name}')`,
      value: header.value,
      message: `@Header('${header.name}', ...) would replace what the route's CORS policy sends; remove it and set the policy with @Cors(...), or use @Cors(false) to manage CORS headers yourself on this route`,
    }));
}

/**
 * Validates an origin given to `allowOrigin` (or loaded from the origin store) the way
 * configured origins are validated, against every merged policy it would join (the named policy
 * itself and every route whose origins come from it: a route may add `credentials: true`).
 */
export function validateRuntimeOrigin(origin: string, policies: Iterable<CorsPolicyOptions>): FieldProblem[] {
  const problems = validatePolicyFields({ origin: [origin] });
  if (problems.length > 0) return problems;
  for (const options of policies) {
    const found = validateCombination({ ...options, origin: [origin] });
    if (found.length > 0) return found;
  }
  return [];
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
