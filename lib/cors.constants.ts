// The first two are internal, not exported from the package: only `@Cors()` writes the metadata,
// and users read a route's policy through `CorsPolicyService.getRoutes()` (validated and merged),
// not the options as written.

/** Metadata key under which `@Cors()` stores its setting. */
export const CORS_POLICY_METADATA = 'cors_module:policy';

/** Injection token of the `CorsModuleOptions` as configured (before validation). */
export const CORS_MODULE_OPTIONS = 'cors_module:options';

/**
 * The name of the module defaults (the policy fields of `CorsModule.forRoot()`) wherever a
 * policy is named: `CorsPolicyService.allowOrigin(origin, CORS_DEFAULT_POLICY)` is
 * `allowOrigin(origin)`, origin store records carry it, and `getRoutes()` reports it in
 * `runtimeOriginsFrom`. Reserved: no named policy may be called `default`.
 * @publicApi
 */
export const CORS_DEFAULT_POLICY = 'default';
