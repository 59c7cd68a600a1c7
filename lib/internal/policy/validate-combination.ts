import { getPublicSuffix } from 'tldts';
import { CorsPolicyOptions } from '../../interfaces/cors-policy-options.interface.js';
import { parseOriginSetting } from '../origin/origin-setting.js';
import { isLoopbackHost } from '../origin/serialized-origin.js';
import type { PolicyField } from './policy-fields.js';
import type { FieldProblem } from './validate-policy-options.js';

/** True when a subdomain pattern's suffix is itself a public suffix (`com`, `co.uk`, `github.io`). */
function isPublicSuffix(suffix: string): boolean {
  if (!suffix.includes('.')) return !isLoopbackHost(suffix);
  return getPublicSuffix(suffix, { allowPrivateDomains: true }) === suffix;
}

/** The codes `validateCombination` reports. */
type CombinationCode = 'wildcard-with-credentials' | 'wildcard-exposed-headers-with-credentials' | 'insecure-origin-with-credentials' | 'public-suffix-wildcard-with-credentials';

/**
 * The fields whose values make each combination problem (`cause`), and the flag that would waive
 * it: where a merged policy took them from says whether the problem is new or inherited.
 */
export const COMBINATION_FIELDS: Readonly<Record<CombinationCode, { cause: readonly PolicyField[]; waiver?: PolicyField }>> = {
  'wildcard-with-credentials': { cause: ['origin', 'credentials'] },
  'wildcard-exposed-headers-with-credentials': { cause: ['exposedHeaders', 'credentials'] },
  'insecure-origin-with-credentials': { cause: ['origin', 'credentials'], waiver: 'dangerouslyAllowInsecureOriginsWithCredentials' },
  'public-suffix-wildcard-with-credentials': { cause: ['origin', 'credentials'], waiver: 'dangerouslyAllowPublicSuffixWildcards' },
};

/**
 * Checks the combinations of a merged (effective) policy that are unsafe or never work. Only
 * `credentials: true` counts: any other value is a field problem of its own, not repeated here.
 */
export function validateCombination(policy: CorsPolicyOptions): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const origin = policy.origin;
  if (policy.credentials !== true) return problems;
  if (origin === '*') {
    problems.push({
      code: 'wildcard-with-credentials',
      field: 'origin',
      value: origin,
      message: "browsers refuse credentials with Access-Control-Allow-Origin: *; list the origins, or drop credentials",
    });
  }
  if (policy.exposedHeaders === '*') {
    problems.push({
      code: 'wildcard-exposed-headers-with-credentials',
      field: 'exposedHeaders',
      value: '*',
      message: "with credentials browsers read '*' as a header literally named '*'; list the headers",
    });
  }
  const items = Array.isArray(origin) ? origin : [origin];
  items.forEach((item, index) => {
    if (typeof item !== 'string' || item === '*') return;
    const setting = parseOriginSetting(item);
    if (setting.kind === 'invalid') return;
    const field = Array.isArray(origin) ? `origin[${index}]` : 'origin';
    const scheme = setting.kind === 'exact' ? item.slice(0, item.indexOf(':')) : setting.pattern.scheme;
    const host = setting.kind === 'exact' ? item.slice(item.indexOf('://') + 3).replace(/:\d+$/, '') : setting.pattern.host;
    if (scheme === 'http' && !isLoopbackHost(host) && !policy.dangerouslyAllowInsecureOriginsWithCredentials) {
      problems.push({
        code: 'insecure-origin-with-credentials',
        field,
        value: item,
        message: `anyone on the network path can inject script into an http: origin and read credentialed responses; use "https://${item.slice(7)}" (or set dangerouslyAllowInsecureOriginsWithCredentials)`,
      });
    }
    if (setting.kind === 'pattern' && setting.pattern.anySubdomain && isPublicSuffix(setting.pattern.host)) {
      if (!policy.dangerouslyAllowPublicSuffixWildcards) {
        problems.push({
          code: 'public-suffix-wildcard-with-credentials',
          field,
          value: item,
          message: `"${setting.pattern.host}" is a public suffix: every site under it could read credentialed responses; name your own domain (or set dangerouslyAllowPublicSuffixWildcards)`,
        });
      }
    }
  });
  return problems;
}
