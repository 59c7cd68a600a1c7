import type { Type } from '@nestjs/common';
import type { CorsMetadata } from '../policy/cors-metadata.js';
import type { OriginDecisionCache } from '../origin/origin-decision-cache.js';
import type { RuntimeOrigins } from '../origin/runtime-origins.js';
import type { CompiledPolicy } from '../policy/compiled-policy.js';
import type { EffectivePolicy } from '../policy/merge-policy.js';
import type { PathPolicyIndex, PathPolicyMatching } from '../routing/path-policy-index.js';
import type { RouterEntry } from '../routing/preflight-router.js';
import type { SortBySpecificity } from '../routing/route-specificity.js';
import type { CorsPolicyOptions } from '../../interfaces/cors-policy-options.interface.js';
import type { CorsDecisionListener } from '../../interfaces/cors-decision-event.interface.js';

/** One route as Nest registers it, with the metadata CORS reads from it. Plain data: the build's input. */
export interface RouteFacts {
  /** `GET`, `PUT`, ..., or `ALL` for `@All()`. */
  readonly method: string;
  /** The path exactly as registered (global prefix, URI version and module path applied). */
  readonly path: string;
  readonly controller: Type;
  readonly handlerName: string;
  /** The handler function, as `ExecutionContext.getHandler()` returns it. */
  readonly handler: (...args: unknown[]) => unknown;
  /** Set for host-bound controllers (`@Controller({ host })`). */
  readonly host?: unknown;
  /** Set when header, media-type or custom versioning tells routes on one path apart. */
  readonly version?: unknown;
  readonly controllerMetadata: CorsMetadata | undefined;
  readonly handlerMetadata: CorsMetadata | undefined;
  /** `@Header()` values of the handler. */
  readonly headerDecorators: ReadonlyArray<{ readonly name: string; readonly value: unknown }>;
  /** The handler takes the response or `next` (`@Res()`, `@Next()`), so it can write headers itself. */
  readonly takesResponse: boolean;
}

/** A `@WebSocketGateway` provider, as discovered. Plain data: the build's input. */
export interface GatewayFacts {
  readonly gateway: Type;
  /** `@WebSocketGateway(port)`; 0 = the app's HTTP server. */
  readonly port: number;
  /** `path` of the gateway options, as written (undefined = the adapter's default). */
  readonly path: string | undefined;
  /** `namespace` of the gateway options, as written (socket.io: a string, a RegExp or a function). */
  readonly namespace: unknown;
  /** `@Cors()` on the gateway class. */
  readonly metadata: CorsMetadata | undefined;
  /** Methods of the gateway with `@Cors()` (a mistake: the policy applies to connections). */
  readonly decoratedMethods: readonly string[];
  /** The gateway sets socket.io's own `cors` option. */
  readonly ownCors: boolean;
}

/** A provider that is not a gateway but carries `@Cors()` (a mistake: it applies to nothing). */
export interface DecoratedProvider {
  readonly provider: Type;
  readonly onClass: boolean;
  readonly methods: readonly string[];
}

/**
 * Which WebSocket adapter the app uses: one of the CorsModule adapters, another one (whose
 * handshakes this module cannot check), or none (no gateway).
 */
export type WebSocketAdapterKind = 'socket.io' | 'ws' | 'other' | undefined;

/** What the build is told about gateways and decorated providers. */
export interface WebSocketFacts {
  readonly gateways: readonly GatewayFacts[];
  readonly decorated: readonly DecoratedProvider[];
  readonly adapter: WebSocketAdapterKind;
}

/** What the build needs to know about the adapter. */
export interface PlatformFacts {
  /** Compiles a registered path into the RegExp of the adapter's router, or throws for syntax it cannot follow. */
  compilePath(path: string): RegExp;
  /** Orders entries as the adapter picks among matching routes; undefined = registration order. */
  readonly bySpecificity?: SortBySpecificity;
  /**
   * How actual requests of an unambiguous route get their headers on this adapter: decided in
   * the entry hook (Express), in the route's own hook (Fastify), or by the guard (any other).
   */
  readonly unambiguousStrategy: ActualStrategy;
  /** How the adapter compares request paths, for `paths` entries. */
  readonly pathMatching: PathPolicyMatching;
}

/**
 * Who decides an actual request on a route, computed once at startup:
 * - `entry-hook`: the entry hook (Express), before body parsers and middleware; the guard only confirms.
 * - `route-hook`: the route's own `onRequest` hook (Fastify), before body parsing.
 * - `guard`: the global guard, once Nest picked the handler (routes a request cannot tell apart
 *   by method and path: host-bound controllers, header or media-type versions, duplicates).
 * - `none`: the route has no CORS.
 */
export type ActualStrategy = 'entry-hook' | 'route-hook' | 'guard' | 'none';

/** A route after the build. */
export interface TableRoute {
  readonly method: string;
  readonly path: string;
  readonly controller: Type;
  readonly handlerName: string;
  readonly handler: (...args: unknown[]) => unknown;
  /** The route in logs: `DELETE /items/:id (ItemsController.remove)`. */
  readonly label: string;
  /** undefined when the route has no CORS. */
  readonly policy: CompiledPolicy | undefined;
  /** The merged options and their sources, for introspection. */
  readonly effective: EffectivePolicy | undefined;
  readonly strategy: ActualStrategy;
  /** The route can replace `Vary` after the guard (`@Header('Vary')`, `@Res()`): it gets the interceptor. */
  readonly needsInterceptor: boolean;
}

/** A route a preflight or an early actual step can resolve to (a `TableRoute` is one). */
export interface RouteTarget {
  readonly policy: CompiledPolicy | undefined;
  readonly label: string;
  readonly strategy: ActualStrategy;
}

/**
 * A `paths` entry after the build: the policy of an endpoint that is not a controller route
 * (GraphQL, static files, docs, `app.use()`), for every method no controller route serves there.
 * Always decided by the entry hook.
 */
export interface TablePath extends RouteTarget {
  /** As configured: `/graphql`, `/assets/*`. */
  readonly pattern: string;
  /** undefined for `false` (no CORS there). */
  readonly effective: EffectivePolicy | undefined;
  /** Set on the not-found endpoint (`readableNotFound`, `table.notFound`): it stands for no endpoint, not a `paths` entry. */
  readonly notFound?: true;
}

/** A gateway after the build: the policy its handshakes (and socket.io's polling) are judged by. */
export interface TableGateway {
  readonly gateway: Type;
  readonly port: number;
  /** As configured; undefined = the adapter's default. */
  readonly path: string | undefined;
  /**
   * Where the adapter finds the gateway: string namespaces with a leading slash (`/` when none
   * is set), RegExp and function namespaces as given (socket.io compares those by identity).
   */
  readonly namespace: unknown;
  /** The gateway class name, in logs. */
  readonly label: string;
  /** undefined when the gateway has no CORS: only same-origin handshakes and those without `Origin`. */
  readonly policy: CompiledPolicy | undefined;
  readonly effective: EffectivePolicy | undefined;
}

/** The `websockets` module options, with their defaults. */
export interface WebSocketSettings {
  readonly requireOrigin: boolean;
  readonly sameOrigin: boolean;
  readonly trustForwardedHeaders: boolean;
  readonly closeOnRevoke: boolean;
  /** The adapter the app uses, as found at startup. */
  readonly adapter: WebSocketAdapterKind;
}

/** What is reported of decisions (`onDecision`, `metrics`, `originReport`, `rollout`), fixed at startup. */
export interface ReportingSettings {
  readonly listener: CorsDecisionListener | undefined;
  /** Count decisions with an OpenTelemetry counter. */
  readonly metrics: boolean;
  /** Most origins the origin report keeps per policy and outcome; 0 = no origin report. */
  readonly maxOrigins: number;
  /**
   * Under a report-only rollout, the one policy every response follows (`rollout.current`, a
   * candidate of the decision core); the table's own policies are then only reported.
   */
  readonly behind: { readonly policy: CompiledPolicy | undefined; readonly label: string } | undefined;
}

/** Module-wide settings the request path reads. */
export interface CorsSettings {
  readonly originCheckTimeout: number;
  readonly debug: boolean;
  /** Hand preflights that match no route on instead of refusing them. */
  readonly passUnmatched: boolean;
  readonly logRoutes: boolean;
  readonly websockets: WebSocketSettings;
  readonly reporting: ReportingSettings;
}

/** Everything the build produces: read-only from then on. */
export interface CorsTable {
  readonly routes: readonly TableRoute[];
  /** Preflight routing entries in the adapter's precedence order, one per method and path. */
  readonly entries: readonly RouterEntry<TableRoute>[];
  /** The route of a handler, as the guard sees it (`context.getClass()`, `context.getHandler()`). */
  readonly byHandler: ReadonlyMap<Type, ReadonlyMap<unknown, TableRoute>>;
  /** Runtime origins of the module defaults ('') and of each named policy. */
  readonly runtimeOrigins: ReadonlyMap<string, RuntimeOrigins>;
  readonly originCaches: readonly OriginDecisionCache[];
  readonly settings: CorsSettings;
  /** The module defaults and named policies, merged over the defaults (for runtime-origin validation). */
  readonly policyOptions: ReadonlyMap<string, CorsPolicyOptions>;
  /** The `paths` entries, in configuration order. */
  readonly paths: readonly TablePath[];
  /** Finds the `paths` entry of a request path; undefined when there are none (the request path then skips it). */
  readonly pathIndex: PathPolicyIndex<TablePath> | undefined;
  /** What decides Nest's 404s (`readableNotFound`): the module defaults; undefined when off or without CORS. */
  readonly notFound: TablePath | undefined;
  /** The `@WebSocketGateway`s, in module order. */
  readonly gateways: readonly TableGateway[];
  /** Paths whose syntax the preflight router cannot follow (preflights there are refused as unmatched). */
  readonly unroutable: readonly string[];
}
