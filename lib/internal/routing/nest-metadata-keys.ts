/**
 * Nest's own metadata keys. Their values have been stable across Nest 10, 11 and 12; they are
 * spelled out here because Nest 12 moved the constants to an internal entry point.
 */
export const PATH_METADATA = 'path';
export const METHOD_METADATA = 'method';
export const HOST_METADATA = 'host';
export const VERSION_METADATA = '__version__';
export const MODULE_PATH = '__module_path__';
export const HEADERS_METADATA = '__headers__';
export const INTERCEPTORS_METADATA = '__interceptors__';
