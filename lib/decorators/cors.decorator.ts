import { SetMetadata } from '@nestjs/common';
import { CORS_POLICY_METADATA } from '../cors.constants.js';
import { CorsPolicyOptions } from '../interfaces/cors-policy-options.interface.js';
import type { CheckedCorsPolicy } from '../internal/policy/checked-options.js';
import type { CorsMetadata } from '../internal/policy/cors-metadata.js';

/**
 * Sets the CORS policy of a controller or a handler. The handler's setting wins over the
 * controller's, which wins over the module defaults, field by field.
 *
 * - `@Cors()`: the module defaults here (re-enables CORS under a `@Cors(false)` controller).
 * - `@Cors({ origin: 'https://app.example.com', credentials: true })`: inline options.
 * - `@Cors('partners')` / `@Cors('partners', { maxAge: 60 })`: a named policy, optionally adjusted.
 * - `@Cors(false)`: no CORS for this controller or handler.
 *
 * Options written as literals are checked by the compiler too: `credentials: true` with
 * `origin: '*'` or `exposedHeaders: '*'`, `origin: 'null'`, and misspelt fields are errors on the
 * offending field.
 * @publicApi
 */
export function Cors(): ClassDecorator & MethodDecorator;
/**
 * `@Cors(false)`: no CORS for this controller or handler.
 * @publicApi
 */
export function Cors(disabled: false): ClassDecorator & MethodDecorator;
/**
 * `@Cors({ origin, ... })`: these options over the controller's and the module defaults.
 * @publicApi
 */
export function Cors<const P extends CorsPolicyOptions & object>(options: P & CheckedCorsPolicy<P>): ClassDecorator & MethodDecorator;
/**
 * `@Cors('partners')`, `@Cors('partners', { maxAge: 60 })`: a named policy of the module
 * options, optionally adjusted.
 * @publicApi
 */
export function Cors<const P extends CorsPolicyOptions & object>(policyName: string, overrides?: P & CheckedCorsPolicy<P>): ClassDecorator & MethodDecorator;
export function Cors(arg?: CorsPolicyOptions | string | false, overrides?: CorsPolicyOptions): ClassDecorator & MethodDecorator {
  let metadata: CorsMetadata;
  if (arg === false) metadata = { disabled: true };
  else if (arg === undefined) metadata = { disabled: false };
  else if (typeof arg === 'string') metadata = { disabled: false, policyName: arg, options: overrides };
  else metadata = { disabled: false, options: arg };
  return SetMetadata(CORS_POLICY_METADATA, metadata);
}
