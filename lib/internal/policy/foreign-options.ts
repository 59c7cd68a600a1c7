import type { CorsConfigurationProblem } from '../../errors/cors-configuration.error.js';
import { closestName } from './closest-name.js';

/**
 * Options of the `cors` package and of `@fastify/cors` this library does not take, each with why
 * and what to do instead. The compiler says the same words: `checked-options.ts` reads this
 * table's type (`test/unit/policy/foreign-options.spec.ts` checks both messages).
 */
export const UNSUPPORTED_OPTIONS = {
  preflightContinue:
    "not supported (cors, @fastify/cors): preflights are answered before any middleware or guard; give endpoints outside controllers a paths entry, or set unmatchedPreflight: 'pass' to hand preflights nothing here serves to the app",
  preflight: 'not supported (@fastify/cors): use @Cors(false) on the routes that must have no CORS',
  strictPreflight:
    "not needed (@fastify/cors): an OPTIONS request without Origin or Access-Control-Request-Method is not a preflight here, and reaches your @Options() route or Nest's 404; remove it",
  hideOptionsRoute: 'not needed (@fastify/cors): no OPTIONS route is registered, preflights are answered in the request hook; remove it',
  hook: "not needed (@fastify/cors): preflights are answered in the adapter's first request hook; remove it",
  cacheControl: 'not supported (@fastify/cors): browsers keep a preflight answer for maxAge seconds; set maxAge',
  logLevel: 'not supported (@fastify/cors): set debug: true in CorsModule.forRoot() to log each refusal with its reason',
  delegator:
    'not supported (@fastify/cors): options are checked and compiled once, at startup; use @Cors() per route, named policies, paths, or an origin function (with originCache)',
  headers: "the cors package's other name for allowedHeaders: use allowedHeaders",
} as const;

/**
 * Other libraries' names and common misspellings of an option, lowercased, with the option meant.
 * The compiler reads the same table's type (`checked-options.ts`).
 */
export const MISSPELLINGS = {
  origins: 'origin',
  allowedorigins: 'origin',
  alloworigin: 'origin',
  alloworigins: 'origin',
  allowcredentials: 'credentials',
  withcredentials: 'credentials',
  allowedmethods: 'methods',
  allowmethods: 'methods',
  allowheaders: 'allowedHeaders',
  headers: 'allowedHeaders',
  exposeheaders: 'exposedHeaders',
  exposedheader: 'exposedHeaders',
  expose: 'exposedHeaders',
  maxage: 'maxAge',
} as const;

/**
 * The problem of a key that is not an option: another library's option with why it is not taken
 * here, else a "did you mean", else (on a policy) that it is a module option.
 */
export function unknownOptionProblem(key: string, value: unknown, known: readonly string[], moduleOnly: readonly string[]): Omit<CorsConfigurationProblem, 'location' | 'route'> {
  if (Object.hasOwn(UNSUPPORTED_OPTIONS, key)) {
    return { code: 'unsupported-option', field: key, value, message: UNSUPPORTED_OPTIONS[key as keyof typeof UNSUPPORTED_OPTIONS] };
  }
  const lower = key.toLowerCase();
  const suggestion = Object.hasOwn(MISSPELLINGS, lower) ? MISSPELLINGS[lower as keyof typeof MISSPELLINGS] : closestName(key, known);
  const hint = moduleOnly.includes(key) ? '; it can only be set in CorsModule.forRoot()' : '';
  return { code: 'unknown-option', field: key, value, message: suggestion ? `unknown option: did you mean "${suggestion}"?` : `unknown option${hint}` };
}
