import { ModuleMetadata, Type, InjectionToken, OptionalFactoryDependency } from '@nestjs/common';
import { CorsOriginStore } from './cors-origin-store.interface.js';
import { CorsPolicyOptions } from './cors-policy-options.interface.js';

/**
 * Options of `CorsModule.forRoot()`: the default policy of every route, named policies, and
 * module knobs.
 * @publicApi
 */
export interface CorsModuleOptions extends CorsPolicyOptions {
  /** Named policies, referenced with `@Cors('name')`. Unset fields come from the module defaults. */
  policies?: Record<string, CorsPolicyOptions>;
  /**
   * Policies of endpoints that are not controller routes (GraphQL, static files, API docs,
   * `app.use()` endpoints), by path: an exact path (`'/graphql'`) or a path ending in `/*`
   * (`'/assets/*'`: that path and everything below it). The value takes the forms of `@Cors()`:
   * a policy name, inline options over the module defaults, `true` for the module defaults,
   * `false` for no CORS. A controller route that serves the requested method at the path wins;
   * preflights allow `GET`, `HEAD` and `POST` unless the policy sets `methods`.
   */
  paths?: Record<string, string | boolean | CorsPolicyOptions>;
  /**
   * What to do with a preflight whose path and requested method match no route and no `paths`
   * entry: `'refuse'` (403, the default) or `'pass'` to hand it on to whatever else serves that
   * path, which must then answer the preflight itself.
   */
  unmatchedPreflight?: 'refuse' | 'pass';
  /** Milliseconds an async origin function may take before the origin counts as refused. Default 5000. */
  originCheckTimeout?: number;
  /**
   * Log every refused preflight and every refused actual request through Nest's `Logger`
   * (context `CorsModule`), with the reason and the route. Off by default; costs nothing when off.
   */
  debug?: boolean;
  /** Log a table of every route's effective policy at startup. Default `false`. */
  logRoutes?: boolean;
  /**
   * Where runtime origins are kept and shared with other instances (for example
   * `RedisOriginStore` from `nestjs-cors/redis`). Default: this process's memory only.
   */
  originStore?: CorsOriginStore;
}

/**
 * Creates the options of `CorsModule.forRootAsync({ useClass })`.
 * @publicApi
 */
export interface CorsOptionsFactory {
  createCorsOptions(): CorsModuleOptions | Promise<CorsModuleOptions>;
}

/** What every `CorsModule.forRootAsync()` call may set, whichever way it creates the options. */
interface CorsModuleAsyncOptionsBase extends Pick<ModuleMetadata, 'imports'> {
  /** Providers to inject into `useFactory`. */
  inject?: Array<InjectionToken | OptionalFactoryDependency>;
}

/**
 * Options of `CorsModule.forRootAsync()`: exactly one of `useFactory`, `useClass` or
 * `useExisting` (two, or none, is a type error, and refused at runtime too).
 * @publicApi
 */
export type CorsModuleAsyncOptions = CorsModuleAsyncOptionsBase &
  (
    | { useFactory: (...args: never[]) => CorsModuleOptions | Promise<CorsModuleOptions>; useClass?: never; useExisting?: never }
    | { useClass: Type<CorsOptionsFactory>; useFactory?: never; useExisting?: never }
    | { useExisting: Type<CorsOptionsFactory>; useFactory?: never; useClass?: never }
  );
