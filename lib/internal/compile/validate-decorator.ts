import type { CorsPolicyOptions } from '../../interfaces/cors-policy-options.interface.js';
import { closestName } from '../policy/closest-name.js';
import type { CorsMetadata } from '../policy/cors-metadata.js';
import { type FieldProblem, validatePolicyFields } from '../policy/validate-policy-options.js';

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
