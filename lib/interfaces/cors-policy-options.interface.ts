/**
 * Decides at request time whether an origin may read responses. Return `true` to allow;
 * anything else, a throw, a rejection or a timeout refuses (fail closed).
 * `request` is the adapter's request object (Express `Request` or Fastify `FastifyRequest`).
 * @publicApi
 */
export type CorsOriginFunction = (origin: string, request: unknown) => boolean | Promise<boolean>;

/**
 * Which origins a policy allows.
 * - `'*'`: any origin (`Access-Control-Allow-Origin: *`); refused together with credentials.
 * - an exact canonical origin (`'https://app.example.com'`, or a browser extension's exact
 *   origin such as `'chrome-extension://<32-letter id>'`), a subdomain pattern
 *   (`'https://*.example.com'`) or a port pattern (`'http://localhost:*'`);
 * - a `RegExp` anchored with `^` and `$`, tested against the whole `Origin` value;
 * - a list of the above (an empty list allows only origins added at runtime);
 * - a function (sync or async);
 * - `false`: no CORS.
 * @publicApi
 */
export type CorsOrigin = '*' | string | RegExp | Array<string | RegExp> | false | CorsOriginFunction;

/**
 * A bounded cache in front of an origin function. Only use it when the function's answer
 * depends on the origin alone (not on other parts of the request).
 * @publicApi
 */
export interface CorsOriginCacheOptions {
  /** Milliseconds an allowed origin is remembered. */
  ttl: number;
  /** Milliseconds a refused origin is remembered. Default: `min(ttl, 5000)`. */
  negativeTtl?: number;
  /** Most allowed origins remembered. Default 10000. */
  max?: number;
  /** Most refused origins remembered, kept apart so that floods of random origins never evict allowed ones. Default 10000. */
  maxNegative?: number;
}

/**
 * One CORS policy. Every field is optional; unset fields come from the next level out
 * (handler, then controller, then the module defaults).
 * @publicApi
 */
export interface CorsPolicyOptions {
  /** Allowed origins. Controls `Access-Control-Allow-Origin`. A route has CORS only when this is set and not `false`. */
  origin?: CorsOrigin;
  /**
   * Methods a preflight may ask for (case-sensitive tokens). Default: the method of the
   * route the preflight resolves to. `Access-Control-Allow-Methods` echoes the requested method.
   * `[]` refuses every preflight.
   */
  methods?: string[];
  /**
   * Request headers a preflight may ask for (case-insensitive). Default `'*'`: any header,
   * echoed by name in `Access-Control-Allow-Headers` (so it also works with credentials).
   */
  allowedHeaders?: string[] | '*';
  /** Response headers scripts may read (`Access-Control-Expose-Headers`). `'*'` only without credentials. Default: none. */
  exposedHeaders?: string[] | '*';
  /** Send `Access-Control-Allow-Credentials: true` (cookies, HTTP auth). Default `false`. */
  credentials?: boolean;
  /** Seconds a browser may cache a preflight (`Access-Control-Max-Age`), integer 0..86400. Default: header omitted. */
  maxAge?: number;
  /** Answer Private Network Access preflights with `Access-Control-Allow-Private-Network: true`. Legacy; default `false`. */
  allowPrivateNetwork?: boolean;
  /**
   * Remember an origin function's answers (separately for allowed and refused origins);
   * concurrent requests for the same unknown origin share one call. Default: no cache.
   */
  originCache?: CorsOriginCacheOptions | false;
  /** Status of a successful preflight, 200..299. Default 204. */
  optionsSuccessStatus?: number;
  /**
   * Allow `http:` origins other than localhost/loopback together with credentials. A network
   * attacker who can inject script into such an origin can then read credentialed responses.
   * Default `false`.
   */
  dangerouslyAllowInsecureOriginsWithCredentials?: boolean;
  /**
   * Allow subdomain patterns directly under a public suffix (`https://*.github.io`) together
   * with credentials: every tenant of that suffix could read credentialed responses. Default `false`.
   */
  dangerouslyAllowPublicSuffixWildcards?: boolean;
}
