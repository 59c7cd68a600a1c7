/**
 * Machine-readable kinds of configuration problem.
 * @publicApi
 */
export type CorsConfigurationProblemCode =
  | 'invalid-type'
  | 'unknown-option'
  | 'unsupported-option'
  | 'unknown-policy'
  | 'reserved-policy-name'
  | 'null-origin'
  | 'non-canonical-origin'
  | 'unsupported-pattern'
  | 'reflect-any-origin'
  | 'wildcard-in-list'
  | 'unanchored-regexp'
  | 'stateful-regexp'
  | 'wildcard-with-credentials'
  | 'wildcard-exposed-headers-with-credentials'
  | 'insecure-origin-with-credentials'
  | 'public-suffix-wildcard-with-credentials'
  | 'invalid-method'
  | 'forbidden-method'
  | 'lowercase-method'
  | 'invalid-header-name'
  | 'forbidden-request-header'
  | 'set-cookie-exposed'
  | 'invalid-max-age'
  | 'invalid-status'
  | 'invalid-option'
  | 'cors-header-on-route'
  | 'invalid-path-pattern'
  | 'ambiguous-path'
  | 'cors-on-non-route'
  | 'unenforced-gateway-policy'
  | 'module-imported-twice'
  | 'missing-dependency';

/**
 * One problem found in the CORS configuration.
 * @publicApi
 */
export interface CorsConfigurationProblem {
  /** What kind of problem it is, for programs. */
  code: CorsConfigurationProblemCode;
  /** The option, e.g. `origin[1]` or `policies.partner.maxAge`. */
  field: string;
  /** The offending value as configured. */
  value: unknown;
  /** Where it was configured: `CorsModule options`, `policies.partner`, `ItemsController`, `ItemsController.remove`. */
  location: string;
  /** The route(s) whose effective policy has the problem, when it comes from merging (`DELETE /items/:id`). */
  route?: string;
  /** What is wrong and what was probably meant. */
  message: string;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof RegExp) return String(value);
  if (typeof value === 'function') return 'a function';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Thrown when the app initializes (or by `CorsPolicyService.allowOrigin`) with every problem
 * in the CORS configuration, so that all of them can be fixed in one go.
 * @publicApi
 */
export class CorsConfigurationError extends Error {
  /** Every problem found, in the order the configuration was read. */
  readonly problems: readonly CorsConfigurationProblem[];

  constructor(problems: readonly CorsConfigurationProblem[]) {
    const lines = problems.map(
      (p, i) =>
        `  ${i + 1}. [${p.code}] ${p.location}${p.route ? ` (${p.route})` : ''}: ${p.field} = ${describe(p.value)}: ${p.message}`,
    );
    super(`Invalid CORS configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`);
    this.name = 'CorsConfigurationError';
    this.problems = problems;
  }
}
