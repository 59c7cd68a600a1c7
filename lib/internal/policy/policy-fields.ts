import { CorsPolicyOptions } from '../../interfaces/cors-policy-options.interface.js';

/** Every field of a policy, in the order they are reported. */
export const POLICY_FIELDS = [
  'origin',
  'methods',
  'allowedHeaders',
  'exposedHeaders',
  'credentials',
  'maxAge',
  'allowPrivateNetwork',
  'optionsSuccessStatus',
  'originCache',
  'dangerouslyAllowInsecureOriginsWithCredentials',
  'dangerouslyAllowPublicSuffixWildcards',
] as const satisfies ReadonlyArray<keyof CorsPolicyOptions>;

/** Module-level knobs that are not policy fields. */
export const MODULE_FIELDS = ['policies', 'paths', 'websockets', 'unmatchedPreflight', 'readableNotFound', 'originCheckTimeout', 'debug', 'logRoutes', 'originStore', 'onDecision', 'metrics', 'originReport', 'rollout'] as const;

export type PolicyField = (typeof POLICY_FIELDS)[number];
