/**
 * Nest's own metadata keys. Their values have been stable across Nest 10, 11 and 12; they are
 * spelled out here because Nest 12 moved the constants to an internal entry point.
 */
/** `@Module({ imports })`: `MODULE_METADATA.IMPORTS`. */
export const MODULE_IMPORTS_METADATA = 'imports';
export const PATH_METADATA = 'path';
export const METHOD_METADATA = 'method';
export const HOST_METADATA = 'host';
export const VERSION_METADATA = '__version__';
export const MODULE_PATH = '__module_path__';
export const HEADERS_METADATA = '__headers__';
export const INTERCEPTORS_METADATA = '__interceptors__';
export const ROUTE_ARGS_METADATA = '__routeArguments__';
/** `RouteParamtypes.RESPONSE` and `RouteParamtypes.NEXT`: the key prefix of `@Res()` / `@Next()` in route-args metadata. */
export const RESPONSE_PARAM_TYPE = 1;
export const NEXT_PARAM_TYPE = 2;
