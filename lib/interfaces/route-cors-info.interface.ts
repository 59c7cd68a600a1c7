/**
 * Where a field of an effective policy came from: the module defaults, a named policy, a
 * `@Cors()` on the controller, the handler or a `@WebSocketGateway` class, or a `paths` entry of
 * the module options.
 * @publicApi
 */
export type CorsPolicySource = 'module' | `policy:${string}` | 'controller' | 'handler' | 'path' | 'gateway';

/**
 * The effective policy of one endpoint, whatever kind it is.
 * @publicApi
 */
export interface CorsPolicyInfo {
  /** Whether the endpoint sends CORS headers at all. */
  enabled: boolean;
  /** Human-readable origin rule: origins, patterns, `*`, `function`, plus runtime origins. */
  origins: string[];
  /** The policy whose runtime origins (`allowOrigin`) apply here, if any (`'default'`, `CORS_DEFAULT_POLICY`: the module defaults). */
  runtimeOriginsFrom?: string;
  /** Whether responses carry `Access-Control-Allow-Credentials: true`. */
  credentials: boolean;
  /** Allowed methods, or undefined for "the route's own method". */
  methods?: string[];
  /** Request headers preflights may ask for; `'*'`: any, echoed by name. */
  allowedHeaders: string[] | '*';
  /** Response headers scripts may read (`Access-Control-Expose-Headers`); `[]`: none. */
  exposedHeaders: string[] | '*';
  /** Seconds browsers may cache a preflight; undefined: `Access-Control-Max-Age` is not sent. */
  maxAge?: number;
  /** Whether Private Network Access preflights are allowed. */
  allowPrivateNetwork: boolean;
  /** Where each set field came from. */
  sources: Partial<Record<'origin' | 'methods' | 'allowedHeaders' | 'exposedHeaders' | 'credentials' | 'maxAge', CorsPolicySource>>;
}

/**
 * The effective CORS policy of one controller route, as `CorsPolicyService.getRoutes()` reports it.
 * @publicApi
 */
export interface RouteCorsInfo extends CorsPolicyInfo {
  /** A controller route. */
  kind: 'route';
  /** HTTP method of the route (`GET`, `PUT`, ... or `ALL`). */
  method: string;
  /** Full path as registered (global prefix, version and module path included). */
  path: string;
  /** Controller class name. */
  controller: string;
  /** Handler method name. */
  handler: string;
  /**
   * From which step of a request on its answers carry the CORS headers (fixed at startup; absent
   * when the route has no CORS):
   * - `'middleware'`: every answer, a body parser's 400/413 or a middleware's 401 included;
   * - `'body-parsing'` (Fastify): answers from body parsing on, not those of a Nest middleware that
   *   ends the request;
   * - `'guards'`: answers from your guards on (a route that requests cannot tell apart by method and
   *   path, or another CORS layer is active).
   */
  headersFrom?: 'middleware' | 'body-parsing' | 'guards';
}

/**
 * A `paths` entry of the module options (an endpoint that is not a controller route: GraphQL,
 * static files, API docs, `app.use()`), as `CorsPolicyService.getRoutes()` reports it. It
 * applies to every method at the paths it covers that no controller route serves; `methods` are
 * the methods its preflights allow (default `GET`, `HEAD`, `POST`).
 * @publicApi
 */
export interface PathCorsInfo extends CorsPolicyInfo {
  /** A `paths` entry of the module options. */
  kind: 'path';
  /** `ALL`: the entry covers every method no controller route serves there. */
  method: 'ALL';
  /** The pattern as configured: `/graphql`, `/assets/*`. */
  path: string;
  /** Every answer carries the CORS headers: they are decided before any middleware runs (absent without CORS). */
  headersFrom?: 'middleware';
}

/**
 * A `@WebSocketGateway`, as `CorsPolicyService.getRoutes()` reports it: the policy its
 * handshakes are checked against (`Origin`), and for socket.io the CORS headers of its HTTP
 * long-polling transport.
 * @publicApi
 */
export interface GatewayCorsInfo extends CorsPolicyInfo {
  /** A `@WebSocketGateway`. */
  kind: 'gateway';
  /** Gateway class name. */
  gateway: string;
  /** The port of `@WebSocketGateway(port)`; 0 is the app's own HTTP server. */
  port: number;
  /**
   * The path handshakes are made on: as configured in `@WebSocketGateway({ path })`, else the
   * CorsModule adapter's default (`/socket.io` for socket.io, `/` for ws); absent when neither
   * is known (another adapter, no path configured).
   */
  path?: string;
  /** The socket.io namespace (`/` when none is set; a RegExp as its source); absent for ws gateways. */
  namespace?: string;
  /** The CorsModule adapter that checks its handshakes; absent when the app's WebSocket adapter is another one. */
  adapter?: 'socket.io' | 'ws';
  /** Whether handshakes are checked at all: false when the app's WebSocket adapter is not a CorsModule adapter. */
  enforced: boolean;
  /** Handshakes without `Origin` are refused (`websockets.requireOrigin`). */
  requireOrigin: boolean;
}

/**
 * One entry of `CorsPolicyService.getRoutes()`: a controller route, a `paths` entry or a
 * WebSocket gateway, told apart by `kind`.
 * @publicApi
 */
export type CorsEndpointInfo = RouteCorsInfo | PathCorsInfo | GatewayCorsInfo;
