/** Metadata key under which `@Cors()` stores its setting. */
export const CORS_POLICY_METADATA = 'cors_module:policy';

/** Injection token of the resolved `CorsModuleOptions`. */
export const CORS_MODULE_OPTIONS = 'cors_module:options';
