import type { CorsPolicyOptions } from '../../interfaces/cors-policy-options.interface.js';
import type { CorsMetadata } from '../policy/cors-metadata.js';
import type { DecoratorLevel, EffectivePolicy } from '../policy/merge-policy.js';
import type { ProblemCollector } from './problem-collector.js';

/** One place an endpoint's CORS configuration is written; an endpoint lists them farthest first. */
export interface ConfiguredLevel extends DecoratorLevel {
  /** Where it is written, in problems: `ItemsController`, `ItemsController.list`, `paths['/graphql']`, `CorsModule options`. */
  readonly location: string;
  /**
   * A `@Cors()` decorator or a module option (a `paths` value, `websockets.policy`). Log lines name
   * inline origins after it: `@Cors() on ItemsController`, `paths['/graphql']`.
   */
  readonly writtenAs: 'decorator' | 'option';
}

/** What the check stage gives every kind of endpoint. */
export interface CheckContext {
  readonly policies: Readonly<Record<string, CorsPolicyOptions>>;
  readonly collector: ProblemCollector;
  /** Validates one `@Cors(...)` at its location, once per decorator (a controller's covers all of its routes). */
  checkDecorator(metadata: CorsMetadata, location: string): void;
}

/**
 * What differs between the kinds of endpoint (controller routes, `paths` entries, gateways):
 * where their configuration is written and how that is checked, what a policy without `methods`
 * allows there, and their names in problems. The rest is the one pipeline (`endpoint-pipeline.ts`).
 */
export interface EndpointSource<F> {
  /**
   * The check stage of one endpoint: validates where its configuration comes from and returns
   * its levels, farthest first, or undefined when there is nothing to merge (its problems are reported).
   */
  check(facts: F, context: CheckContext): readonly ConfiguredLevel[] | undefined;
  /** Methods a policy that sets none allows here; undefined = the method of the route a preflight resolves to. */
  readonly defaultMethods: readonly string[] | undefined;
  /** The endpoint in problems of its merged policy: `GET /items`, `/graphql`, `gateway ChatGateway`. */
  name(facts: F): string;
  /** Checks of the merged policy that only this kind has (a route's `@Header()`s), after the common ones. */
  checkMerged?(facts: F, effective: EffectivePolicy, collector: ProblemCollector): void;
}
