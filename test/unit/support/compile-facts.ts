import type { Type } from '@nestjs/common';
import type { CorsMetadata } from '../../../lib/internal/policy/cors-metadata.js';
import { compileExpressPath } from '../../../lib/internal/routing/compile-path.js';
import type { GatewayFacts, PlatformFacts } from '../../../lib/internal/table/cors-table.js';

/** What Express's platform tells the build, with its default path matching. */
export const EXPRESS_FACTS: PlatformFacts = {
  compilePath: (path) => compileExpressPath(path, { caseSensitive: false, strictTrailingSlash: false }),
  unambiguousStrategy: 'entry-hook',
  pathMatching: { caseSensitive: false, strictTrailingSlash: false, decode: false },
};

/** A class with the given name, as a controller or gateway would be. */
export const classNamed = (name: string): Type => ({ [name]: class {} })[name] as Type;

/** `@Cors({ ... })`. */
export const inline = (options: object): CorsMetadata => ({ disabled: false, options });
/** `@Cors('name')`. */
export const named = (policyName: string): CorsMetadata => ({ disabled: false, policyName });

/** A gateway on the app's server, in the default namespace, without `@Cors()`, plus the given fields. */
export function gatewayFacts(type: Type, fields: Partial<GatewayFacts> = {}): GatewayFacts {
  return { gateway: type, port: 0, path: undefined, namespace: undefined, metadata: undefined, decoratedMethods: [], ownCors: false, ...fields };
}
