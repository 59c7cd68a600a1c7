import { Inject, Injectable, Logger } from '@nestjs/common';
import { AbstractHttpAdapter, ApplicationConfig, HttpAdapterHost, ModulesContainer } from '@nestjs/core';
import { CORS_MODULE_OPTIONS } from '../../cors.constants.js';
import { CorsConfigurationError } from '../../errors/cors-configuration.error.js';
import type { CorsModuleOptions } from '../../interfaces/cors-module-options.interface.js';
import { compileCorsTable } from '../compile/compile-cors-table.js';
import type { PlatformFacts } from '../table/cors-table.js';
import { decisionRules } from '../diagnostics/decision-rules.js';
import { CorsDiagnostics } from '../diagnostics/cors-diagnostics.js';
import { describeRoutes, formatRouteTable } from '../diagnostics/route-table.js';
import type { CorsPlatform } from './cors-platform.js';
import { discoverProviders } from './discover-gateways.js';
import { discoverRoutes } from './discover-routes.js';
import { duplicateImportProblems } from './module-imports.js';
import { platformFor } from './generic-platform.js';
import {
  bindInterceptor,
  currentRequestHook,
  pathNormalizer,
  placeGlobalGuard,
  resolvesBySpecificity,
  webSocketAdapterOf,
} from './nest-private-state.js';
import { ROUTE_ORDERING, type RouteOrdering } from '../routing/route-specificity.js';
import { CorsGuard, guardNeeded } from '../request/cors-guard.js';
import { CorsInterceptor } from '../request/cors-interceptor.js';
import { CorsRequestPath, CorsAppState } from '../request/cors-request-path.js';
import { RequestHook, createEntryHook } from '../request/entry-hook.js';
import { compileExpressPath } from '../routing/compile-path.js';
import { OriginStoreSync } from '../origin-store/origin-store-sync.js';
import { RuntimeOriginRegistry } from '../origin-store/runtime-origin-registry.js';
import { reportingOf } from '../reporting/table-reporting.js';
import { webSocketAdapterKind } from '../websocket/adapter-marker.js';
import { gatewayWarnings } from '../websocket/gateway-warnings.js';

/** Without an HTTP adapter nothing is routed; the table still validates and serves introspection. */
const NO_ADAPTER_FACTS: PlatformFacts = {
  compilePath: (path) => compileExpressPath(path, { caseSensitive: false, strictTrailingSlash: false }),
  unambiguousStrategy: 'guard',
  pathMatching: { caseSensitive: false, strictTrailingSlash: false, decode: false },
};

/**
 * Wires CORS into the app once, when it initializes: discovers the routes, runs the build step,
 * and installs its result on the adapter (entry hook, route hooks, guard placement, interceptor
 * bindings). It holds no request-time logic; see ARCHITECTURE.md for the whole map.
 */
@Injectable()
export class CorsBootstrap {
  private readonly logger = new Logger('CorsModule');
  private entryHook: RequestHook | undefined;
  private missingRouteHooks: () => string[] = () => [];
  private platform: CorsPlatform | undefined;
  private readonly warnedLayers = new Set<string>();

  constructor(
    @Inject(CORS_MODULE_OPTIONS) private readonly options: CorsModuleOptions,
    private readonly modules: ModulesContainer,
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: ApplicationConfig,
    @Inject(ROUTE_ORDERING) private readonly ordering: RouteOrdering,
    private readonly holder: CorsAppState,
    private readonly guard: CorsGuard,
    private readonly interceptor: CorsInterceptor,
  ) {}

  /**
   * Runs in `CorsModule.configure()`, which Nest calls during `app.init()` after `main.ts` has set
   * the global prefix, versioning and its own global guards, and before routes are registered (so
   * route hooks, guard order and interceptor metadata still apply). Throws one
   * `CorsConfigurationError` listing every problem.
   */
  initialize(): void {
    if (this.holder.table) return;
    // A second forRoot() would install a second configuration: refused before either is read.
    const duplicates = duplicateImportProblems(this.modules);
    if (duplicates.length > 0) throw new CorsConfigurationError(duplicates);
    const adapter = this.adapterHost.httpAdapter as AbstractHttpAdapter | undefined;
    const platform = adapter ? platformFor(adapter) : undefined;
    const otherLayers = platform?.otherCorsLayers() ?? [];
    const facts =
      platform?.facts({ ordering: this.ordering, specificityConfigured: resolvesBySpecificity(this.config), otherCorsLayer: otherLayers.length > 0 }) ??
      NO_ADAPTER_FACTS;
    const providers = discoverProviders(this.modules);
    const websockets = { ...providers, adapter: providers.gateways.length > 0 ? webSocketAdapterKind(webSocketAdapterOf(this.config)) : undefined };
    const built = compileCorsTable(this.options ?? {}, discoverRoutes(this.modules, this.config, pathNormalizer(adapter)), facts, websockets);
    if (!built.table) throw new CorsConfigurationError(built.problems);
    const table = built.table;
    for (const warning of gatewayWarnings(websockets)) this.logger.warn(warning);
    if (table.settings.reporting.behind !== undefined) {
      this.logger.warn("rollout is 'report-only': every answer follows rollout.current; the policies of CorsModule are only reported. Set rollout.mode to 'enforce' to switch.");
    }
    for (const route of table.unroutable) this.logger.warn(`Cannot match preflights for ${route}: unsupported path syntax`);
    for (const route of table.routes) if (route.needsInterceptor) bindInterceptor(route.handler, this.interceptor);
    const origins = new RuntimeOriginRegistry(table);
    Object.assign(this.holder, { table, origins, sync: new OriginStoreSync(origins, this.options?.originStore) });
    if (adapter && platform) this.install(adapter, platform, table, otherLayers);
    if (table.settings.logRoutes) this.logger.log(formatRouteTable(describeRoutes(table)));
  }

  private install(adapter: AbstractHttpAdapter, platform: CorsPlatform, table: NonNullable<CorsAppState['table']>, otherLayers: string[]): void {
    const diagnostics = new CorsDiagnostics(table.settings.debug);
    const guardRuns = guardNeeded(table, otherLayers.length > 0);
    const requestPath: CorsRequestPath = Object.freeze({
      table,
      finder: platform.createRouteFinder(table.entries),
      writer: platform.writer,
      endpointWriter: platform.endpointWriter,
      diagnostics,
      rules: decisionRules(table.settings, diagnostics, reportingOf(table)),
      otherCorsLayer: otherLayers.length > 0,
      decideActualInEntryHook: platform.decidesActualInEntryHook && otherLayers.length === 0,
      isNotFound: platform.isNotFound,
      guardRuns,
    });
    this.holder.requestPath = requestPath;
    this.entryHook = createEntryHook(requestPath, currentRequestHook(adapter));
    adapter.setOnRequestHook(this.entryHook as Parameters<AbstractHttpAdapter['setOnRequestHook']>[0]);
    this.missingRouteHooks = platform.installActualRequestHooks(requestPath);
    // The guard must run before the app's own guards (an auth guard's 401 must carry CORS headers);
    // where route hooks decide every route and nothing is logged, it is not run at all.
    placeGlobalGuard(this.config, this.guard, guardRuns ? 'first' : 'none');
    this.platform = platform;
    this.warnOtherCorsLayers(otherLayers);
    platform.whenLoaded(() => this.warnOtherCorsLayers(platform.otherCorsLayers()));
  }

  /**
   * Warns once per CORS layer of another library, whenever it is first seen: at configure(),
   * after the modules' own init hooks (a GraphQL driver mounts its middleware then), or when
   * the adapter has loaded its plugins (Fastify under `NestFactory.create()`).
   */
  private warnOtherCorsLayers(layers: readonly string[]): void {
    const fresh = layers.filter((layer) => !this.warnedLayers.has(layer));
    if (fresh.length === 0) return;
    for (const layer of fresh) this.warnedLayers.add(layer);
    this.logger.warn(
      `Another CORS layer is active: ${fresh.join(', ')}. ` +
        'CorsModule answers preflights first and decides actual requests of its routes and paths, but endpoints without a ' +
        'policy still get that layer\'s permissions, and it may add permissions CorsModule does not grant: remove it and let CorsModule decide.',
    );
  }

  /** After startup: nothing replaced the entry hook, every route hook was added; then the origin store is loaded. */
  async onBootstrap(): Promise<void> {
    const adapter = this.adapterHost.httpAdapter as AbstractHttpAdapter | undefined;
    if (adapter && this.entryHook && currentRequestHook(adapter) !== this.entryHook) {
      this.logger.error(
        'httpAdapter.setOnRequestHook() was called after CorsModule installed its preflight hook, which is now replaced: ' +
          'preflights will reach guards and 404. Call setOnRequestHook() before app.init()/listen(); CorsModule chains it.',
      );
    }
    if (this.platform) this.warnOtherCorsLayers(this.platform.otherCorsLayers());
    const missing = this.missingRouteHooks();
    if (missing.length > 0) {
      this.logger.error(`No CORS hook could be added to ${missing.join(', ')}: actual requests to these routes get no CORS headers`);
    }
    // Metrics load @opentelemetry/api now, once the app registered its SDK (a missing package fails startup).
    if (this.holder.table) await reportingOf(this.holder.table)?.start();
    await this.holder.sync?.connect();
  }

  /** Releases the origin store's connections. */
  async close(): Promise<void> {
    await this.holder.sync?.close();
  }
}
