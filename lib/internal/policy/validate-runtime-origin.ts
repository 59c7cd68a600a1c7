import type { CorsPolicyOptions } from '../../interfaces/cors-policy-options.interface.js';
import { validateCombination } from './validate-combination.js';
import { type FieldProblem, validatePolicyFields } from './validate-policy-options.js';

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
