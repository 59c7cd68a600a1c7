/**
 * The transport a decision was asked on: HTTP routes and `paths` entries, or a WebSocket adapter
 * (socket.io's engine handshakes, polling requests and namespace connects; `ws` upgrades).
 * @publicApi
 */
export type CorsDecisionTransport = 'http' | 'socket.io' | 'ws';

/**
 * What was asked: a preflight, an actual (non-preflight) request, or a WebSocket handshake
 * (socket.io's polling requests and namespace connects included).
 * @publicApi
 */
export type CorsDecisionKind = 'preflight' | 'actual' | 'handshake';

/**
 * Why a request was allowed or refused: one code per cause.
 * - allowed: `allowed` (a policy allows the origin), `no-origin` (not a cross-origin browser
 *   request), `same-origin` (a handshake from the server's own origin);
 * - refused: the origin (`origin-not-allowed`, `origin-function-threw`, `origin-function-timeout`,
 *   `origin-null`, `malformed-origin`, `origin-required`), the endpoint (`cors-disabled`,
 *   `no-route`, `no-gateway`, `no-candidate-allows`), the preflight (`method-not-allowed`,
 *   `header-not-allowed`, `malformed-request-method`, `malformed-request-headers`), or the module
 *   (`not-initialized`, `internal-error`).
 * @publicApi
 */
export type CorsDecisionReason =
  | 'allowed'
  | 'no-origin'
  | 'same-origin'
  | 'origin-not-allowed'
  | 'origin-function-threw'
  | 'origin-function-timeout'
  | 'origin-null'
  | 'malformed-origin'
  | 'origin-required'
  | 'cors-disabled'
  | 'method-not-allowed'
  | 'header-not-allowed'
  | 'malformed-request-method'
  | 'malformed-request-headers'
  | 'no-route'
  | 'no-gateway'
  | 'no-candidate-allows'
  | 'not-initialized'
  | 'internal-error';

/**
 * The policy that decided, named with bounded cardinality (safe as a metric attribute):
 * `'module'` (the module defaults), `'policy:<name>'` (a named policy), `'inline'` (options
 * written in a `@Cors()`, a `paths` entry or a gateway), or `'none'` (no endpoint with a policy:
 * `@Cors(false)`, nothing serves the request, or a refusal before any policy was asked). Named
 * after the origin rule: a route with `@Cors('partners')` and inline `methods` is `'policy:partners'`.
 * The same words as `sources` of `CorsPolicyService.getRoutes()`.
 * @publicApi
 */
export type CorsDecisionPolicy = 'module' | 'inline' | 'none' | `policy:${string}`;

/**
 * The endpoint a decision was about.
 * @publicApi
 */
export interface CorsDecisionEndpoint {
  /** A controller route, a `paths` entry, a `@WebSocketGateway`, or none (nothing serves the request, or several gateways refused together). */
  readonly kind: 'route' | 'path' | 'gateway' | 'none';
  /**
   * As log lines name it: `GET /items/:id (ItemsController.get)`, `paths['/graphql']`,
   * `ChatGateway`; for `none`, what was asked (`PUT /nowhere`) or the gateways' names.
   */
  readonly label: string;
  /** The route template (`/items/:id`) or `paths` pattern (`/assets/*`); undefined for gateways and `none`. */
  readonly route: string | undefined;
}

/**
 * How a report-only policy's verdict compares with what the response followed (`rollout`):
 * - `none`: the same answer;
 * - `would-refuse`: allowed today, the new policies would refuse it;
 * - `would-allow`: refused today, the new policies would allow it;
 * - `would-grant-differently`: allowed by both, with other permissions (credentials, `*`,
 *   exposed headers, preflight max-age, status or private network access).
 * @publicApi
 */
export type CorsRolloutChange = 'none' | 'would-refuse' | 'would-allow' | 'would-grant-differently';

/**
 * One decision of CorsModule: every HTTP request it decides (preflights, actual requests of
 * routes and `paths` entries, and, while someone listens, actual requests with `Origin` that
 * no endpoint with CORS serves) and every WebSocket handshake, polling request and namespace
 * connect it checks. Frozen; shared by every listener.
 * @publicApi
 */
export interface CorsDecisionEvent {
  /** Where the request came from: `http`, `socket.io` or `ws`. */
  readonly transport: CorsDecisionTransport;
  /** What was asked: a preflight, an actual request, or a handshake. */
  readonly kind: CorsDecisionKind;
  /** The route, `paths` entry or gateway that decided (or `kind: 'none'` when nothing serves the request). */
  readonly endpoint: CorsDecisionEndpoint;
  /** The policy the endpoint's origin rule comes from, as `getRoutes()` names its source (`'module'`, `'policy:<name>'`), or `'inline'`, `'none'`. */
  readonly policy: CorsDecisionPolicy;
  /** The `Origin` header as sent (repeated lines joined); undefined without one. */
  readonly origin: string | undefined;
  /** Under `rollout: { mode: 'report-only' }`, what the new policies would answer; the response followed `enforced`. */
  readonly verdict: 'allowed' | 'refused';
  /** Why: `allowed`, `no-origin`, `same-origin`, or the refusal's code (`origin-not-allowed`, `method-not-allowed`, ...). */
  readonly reason: CorsDecisionReason;
  /** The refusal in words, as the `debug` log says it (`method DELETE is not in methods [GET, PUT]`); undefined when allowed. */
  readonly detail: string | undefined;
  /** Allowed with `Access-Control-Allow-Credentials: true` (a browser shows answers to credentialed requests only then). */
  readonly credentials: boolean;
  /** Set under `rollout: { mode: 'report-only' }`: what the response followed (`rollout.current`) and how the new verdict differs. */
  readonly enforced: { readonly verdict: 'allowed' | 'refused'; readonly reason: CorsDecisionReason; readonly change: CorsRolloutChange } | undefined;
  /** When it was decided, in milliseconds since the epoch. */
  readonly time: number;
  /** The request, as origin functions receive it (Express `Request`, `FastifyRequest`, or Node's `IncomingMessage` of a handshake). */
  readonly request: unknown;
}

/**
 * A listener of decisions (`CorsModule.forRoot({ onDecision })`). It runs on the request path,
 * after the answer is decided and before it is written: keep it fast, and do I/O asynchronously.
 * What it throws or rejects with is logged once and never changes the answer.
 * @publicApi
 */
export type CorsDecisionListener = (event: CorsDecisionEvent) => void | Promise<void>;
