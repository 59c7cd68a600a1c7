/** Header names, lowercase as Node presents request headers. */
export const ORIGIN = 'origin';
export const VARY = 'vary';
export const ACCESS_CONTROL_REQUEST_METHOD = 'access-control-request-method';
export const ACCESS_CONTROL_REQUEST_HEADERS = 'access-control-request-headers';
export const ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK = 'access-control-request-private-network';

/** Response header names in their conventional spelling. */
export const ALLOW_ORIGIN = 'Access-Control-Allow-Origin';
export const ALLOW_CREDENTIALS = 'Access-Control-Allow-Credentials';
export const ALLOW_METHODS = 'Access-Control-Allow-Methods';
export const ALLOW_HEADERS = 'Access-Control-Allow-Headers';
export const EXPOSE_HEADERS = 'Access-Control-Expose-Headers';
export const MAX_AGE = 'Access-Control-Max-Age';
export const ALLOW_PRIVATE_NETWORK = 'Access-Control-Allow-Private-Network';

/** `Vary` of an actual response whose ACAO depends on the origin. */
export const VARY_ACTUAL = 'Origin';
/** `Vary` of a preflight response: the answer depends on all three request headers. */
export const VARY_PREFLIGHT = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';
export const VARY_PREFLIGHT_PNA = `${VARY_PREFLIGHT}, Access-Control-Request-Private-Network`;
