import type { AbstractHttpAdapter } from '@nestjs/core';
import type { PlatformFacts, TableRoute } from '../table/cors-table.js';
import type { CorsRequestPath, RouteFinder } from '../request/cors-request-path.js';
import type { RouterEntry } from '../routing/preflight-router.js';
import type { ResponseWriter } from '../http/response-writer.js';
import type { RouteOrdering } from '../routing/route-specificity.js';

/**
 * What CORS needs from one HTTP adapter, behind one small interface. One implementation per
 * adapter (`express-platform.ts`, `fastify-platform.ts`, `generic-platform.ts`); every read of
 * an adapter's private state lives in its file.
 */
export interface CorsPlatform {
  /** `express`, `fastify`, or another adapter's type. */
  readonly type: string;
  /** How this adapter's responses are read, written and ended. */
  readonly writer: ResponseWriter;
  /** How responses of endpoints that are not controller routes are written (they may bypass the adapter). */
  readonly endpointWriter: ResponseWriter;
  /** Whether the entry hook decides actual requests (of `entry-hook` routes). */
  readonly decidesActualInEntryHook: boolean;
  /**
   * Whether the adapter answers a request with its not-found handler (Nest's 404), told cheaply
   * in the entry hook; undefined where only a route lookup could tell (Express: the entry hook
   * looks the route up anyway) or nothing can.
   */
  readonly isNotFound?: (request: unknown) => boolean;
  /** Facts for the build step: path syntax, route precedence, who decides actual requests. */
  facts(options: PlatformFactsOptions): PlatformFacts;
  /** Finds the route of a request over the built entries, the way this adapter's router would. */
  createRouteFinder(entries: readonly RouterEntry<TableRoute>[]): RouteFinder<TableRoute>;
  /**
   * Installs whatever else gives actual requests their headers on this adapter (Fastify: a hook
   * on each route as it is registered). Returns a check to run after startup that lists the
   * routes that should have got one and did not.
   */
  installActualRequestHooks(requestPath: CorsRequestPath): () => string[];
  /**
   * Other CORS layers active on the adapter (`app.enableCors()`, `NestFactory.create({ cors })`,
   * a cors middleware or plugin), each described with the paths it covers.
   */
  otherCorsLayers(): string[];
  /**
   * Runs `check` once the adapter has loaded what registers late (Fastify loads plugins, such as
   * the one `enableCors()` registers under `NestFactory.create()`, only when it starts listening).
   */
  whenLoaded(check: () => void): void;
}

/** What the platform is told about the app when it states its facts. */
export interface PlatformFactsOptions {
  /** Nest's route ordering (its specificity sorter, where this Nest version has one). */
  readonly ordering: RouteOrdering;
  /** The app set `routeResolutionStrategy: 'specificity'` (Express picks routes by specificity, not order). */
  readonly specificityConfigured: boolean;
  /** Another CORS layer is active: the guard must have the last word on actual requests. */
  readonly otherCorsLayer: boolean;
}

/** Adapter instances seen through the few members the platforms read. */
export type AdapterLike = AbstractHttpAdapter;
