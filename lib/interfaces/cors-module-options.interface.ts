import { ModuleMetadata, Type, InjectionToken, OptionalFactoryDependency } from '@nestjs/common';
import type { CorsDecisionListener } from './cors-decision-event.interface.js';
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
   * How `@WebSocketGateway` handshakes are checked (with `CorsIoAdapter` from
   * `nestjs-cors/socket.io` or `CorsWsAdapter` from `nestjs-cors/ws`). A gateway's policy is its
   * `@Cors()`, merged over `websockets.policy`, over the module defaults.
   */
  websockets?: CorsWebSocketOptions;
  /**
   * What to do with a preflight whose path and requested method match no route and no `paths`
   * entry: `'refuse'` (403, the default) or `'pass'` to hand it on to whatever else serves that
   * path, which must then answer the preflight itself.
   */
  unmatchedPreflight?: 'refuse' | 'pass';
  /**
   * Nest's 404 for a path, or a method at a path, that no route and no `paths` entry serves
   * carries the module defaults' CORS headers, so a page on an origin the defaults allow can
   * read it (as with `enableCors()`); refused origins get none. Default `true`; `false` sends
   * no CORS headers on those 404s (the browser reports a network error instead).
   */
  readableNotFound?: boolean;
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
  /**
   * Called with every decision (`CorsDecisionEvent`: transport, endpoint, policy, origin, verdict,
   * reason). Runs on the request path: keep it fast. What it throws or rejects with is logged
   * once and never changes an answer. Without it (and without `metrics`, `originReport` and a
   * report-only `rollout`) nothing is reported and the request path is unchanged. See docs/observability.md.
   */
  onDecision?: CorsDecisionListener;
  /**
   * Count decisions with an OpenTelemetry counter, `cors.decisions` (attributes `cors.transport`,
   * `cors.request.kind`, `cors.policy`, `cors.verdict`, `cors.reason`, `http.route`; never the
   * origin). Needs `@opentelemetry/api` installed (an optional peer dependency; the app fails to
   * start without it) and records nothing until the app registers an OpenTelemetry SDK, which it
   * must do before `app.init()`. Default `false`.
   */
  metrics?: boolean;
  /**
   * Keep the origins each policy sees, with allowed and refused counts, for
   * `CorsPolicyService.getOriginReport()`. Memory is bounded: at most `maxOrigins` origins per
   * policy and outcome (a Space-Saving summary: a flood of random origins cannot push out one
   * seen more than total/maxOrigins times). `true` = `{ maxOrigins: 1000 }`. Default `false`.
   */
  originReport?: boolean | CorsOriginReportOptions;
  /**
   * Roll the policies of this module out behind the behaviour the app has today: with
   * `mode: 'report-only'`, every response follows `current` (for example the options the app
   * passed to `app.enableCors()`), and the policies of this module are only evaluated and
   * reported (`onDecision`, `metrics`, `originReport`, each decision's `enforced.change`).
   * `mode: 'enforce'` switches to this module's policies. See docs/report-only-rollout.md.
   */
  rollout?: CorsRolloutOptions;
}

/**
 * Bounds of the origin report.
 * @publicApi
 */
export interface CorsOriginReportOptions {
  /** Most origins kept per policy and outcome (allowed, refused, changed under report-only), 1..100000. Default 1000. */
  maxOrigins?: number;
}

/**
 * A report-only rollout of this module's policies (`CorsModule.forRoot({ rollout })`).
 * @publicApi
 */
export interface CorsRolloutOptions {
  /**
   * `'report-only'`: responses follow `current`; this module's policies are only reported.
   * `'enforce'`: this module's policies decide (`current` is then ignored, still validated).
   */
  mode: 'report-only' | 'enforce';
  /**
   * The behaviour responses follow while report-only, as one policy applied to every request
   * CorsModule sees (routes, `@Cors(false)` routes, `paths`, requests nothing serves, gateways),
   * as `app.enableCors()` applied its options to every request. Not merged with the module
   * defaults. `origin` is required: `'*'` for `app.enableCors()` without options, `false` for an app
   * that had no CORS. Unset `methods` allow every method; unset `allowedHeaders` every header.
   */
  current?: CorsPolicyOptions;
}

/**
 * How CorsModule checks WebSocket handshakes. Browsers apply no CORS to WebSockets: any page may
 * open one, with the user's cookies, so the server checks the handshake's `Origin`.
 * @publicApi
 */
export interface CorsWebSocketOptions {
  /** The named policy of gateways without their own `@Cors()`. Default: the module defaults. */
  policy?: string;
  /**
   * Refuse handshakes that carry no `Origin` header. Browsers always send one; native apps and
   * server-to-server clients usually do not. Default `false` (admitted).
   */
  requireOrigin?: boolean;
  /**
   * Admit handshakes from the server's own origin (`Origin` equal to the scheme of the connection
   * and the `Host` header) without asking the policy, as Spring does. Default `true`.
   */
  sameOrigin?: boolean;
  /**
   * Take the scheme and host of the server's own origin from `X-Forwarded-Proto` and
   * `X-Forwarded-Host` (their first value) instead of the connection and `Host`. Only for apps
   * behind a proxy that sets both. Default `false`.
   */
  trustForwardedHeaders?: boolean;
  /**
   * Close open connections whose origin the policy no longer allows after
   * `CorsPolicyService.revokeOrigin()` (here or, with an origin store, on another instance).
   * Default `false`: revoking only refuses new handshakes.
   */
  closeOnRevoke?: boolean;
}

/**
 * Creates the options of `CorsModule.forRootAsync({ useClass })`.
 * @publicApi
 */
export interface CorsOptionsFactory {
  /** Returns the module options; Nest calls it once, when it creates the module's providers. */
  createCorsOptions(): CorsModuleOptions | Promise<CorsModuleOptions>;
}

/**
 * Options of `CorsModule.forRootAsync()`: `imports`, `inject` (the providers `useFactory` takes),
 * and exactly one of `useFactory`, `useClass` or `useExisting` (two, or none, is a type error,
 * and refused at runtime too).
 * @publicApi
 */
export type CorsModuleAsyncOptions = Pick<ModuleMetadata, 'imports'> & { inject?: Array<InjectionToken | OptionalFactoryDependency> } & (
    | { useFactory: (...args: never[]) => CorsModuleOptions | Promise<CorsModuleOptions>; useClass?: never; useExisting?: never }
    | { useClass: Type<CorsOptionsFactory>; useFactory?: never; useExisting?: never }
    | { useExisting: Type<CorsOptionsFactory>; useFactory?: never; useClass?: never }
  );
