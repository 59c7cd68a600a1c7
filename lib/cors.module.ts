import { DynamicModule, Global, MiddlewareConsumer, Module, NestModule, OnApplicationBootstrap, OnModuleDestroy, Provider } from '@nestjs/common';
import { APP_GUARD, ApplicationConfig } from '@nestjs/core';
import { CORS_MODULE_OPTIONS } from './cors.constants.js';
import { CorsPolicyService } from './cors-policy.service.js';
import { CorsGuard } from './guards/cors.guard.js';
import { CorsInterceptor } from './interceptors/cors.interceptor.js';
import type { CheckedCorsModuleOptions } from './interfaces/checked-cors-options.interface.js';
import { CorsModuleAsyncOptions, CorsModuleOptions, CorsOptionsFactory } from './interfaces/cors-module-options.interface.js';
import { CorsRegistry } from './internal/cors-registry.js';
import { ROUTE_ORDERING, loadRouteOrdering } from './internal/routing/route-specificity.js';

const CORE_PROVIDERS: Provider[] = [
  { provide: ROUTE_ORDERING, useFactory: loadRouteOrdering },
  CorsRegistry,
  CorsGuard,
  CorsInterceptor,
  CorsPolicyService,
  { provide: APP_GUARD, useFactory: (guard: CorsGuard) => guard, inject: [CorsGuard] },
];

/**
 * Registers per-route CORS for the whole app: the preflight hook, the global `CorsGuard`, the
 * `CorsInterceptor` (bound to the routes that need it) and `CorsPolicyService`.
 * @publicApi
 */
@Global()
@Module({})
export class CorsModule implements NestModule, OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly registry: CorsRegistry,
    private readonly guard: CorsGuard,
    private readonly interceptor: CorsInterceptor,
    private readonly config: ApplicationConfig,
  ) {}

  /**
   * CORS for every route from these defaults, named policies and `@Cors()` decorators. Options
   * written as literals are checked by the compiler too (see `CheckedCorsModuleOptions`).
   */
  static forRoot<const O extends CorsModuleOptions & object>(options: O & CheckedCorsModuleOptions<O> = {} as O & CheckedCorsModuleOptions<O>): DynamicModule {
    return {
      module: CorsModule,
      global: true,
      providers: [{ provide: CORS_MODULE_OPTIONS, useValue: options }, ...CORE_PROVIDERS],
      exports: [CorsPolicyService, CORS_MODULE_OPTIONS],
    };
  }

  /** Like `forRoot()`, with options from a factory, a class or an existing provider. */
  static forRootAsync(options: CorsModuleAsyncOptions): DynamicModule {
    return {
      module: CorsModule,
      global: true,
      imports: options.imports ?? [],
      providers: [...CorsModule.createAsyncProviders(options), ...CORE_PROVIDERS],
      exports: [CorsPolicyService, CORS_MODULE_OPTIONS],
    };
  }

  private static createAsyncProviders(options: CorsModuleAsyncOptions): Provider[] {
    if (options.useFactory) {
      return [{ provide: CORS_MODULE_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] }];
    }
    const factoryClass = options.useClass ?? options.useExisting;
    if (!factoryClass) {
      throw new Error('CorsModule.forRootAsync() needs useFactory, useClass or useExisting');
    }
    return [
      ...(options.useClass ? [{ provide: options.useClass, useClass: options.useClass }] : []),
      {
        provide: CORS_MODULE_OPTIONS,
        useFactory: (factory: CorsOptionsFactory) => factory.createCorsOptions(),
        inject: [factoryClass],
      },
    ];
  }

  /**
   * Nest calls this during `app.init()`, after `main.ts` has configured the app (global prefix,
   * versioning, its own global guards) and before any route is registered: the one moment
   * where the route table is final and route metadata is not read yet.
   */
  configure(_consumer: MiddlewareConsumer): void {
    this.registry.initialize(this.interceptor);
    // Global guards run in registration order; the CORS guard must come before the app's own
    // (an auth guard's 401 must still carry CORS headers), whatever order modules were imported in.
    const guards = this.config.getGlobalGuards() as unknown[];
    const at = guards.indexOf(this.guard);
    if (at > 0) {
      guards.splice(at, 1);
      guards.unshift(this.guard);
    }
  }

  /** After startup: make sure nothing replaced the preflight hook, and load runtime origins from the store. */
  async onApplicationBootstrap(): Promise<void> {
    this.registry.checkPreflightHook();
    this.registry.checkRouteHooks();
    await this.registry.connectOriginStore();
  }

  /** Releases the origin store's connections. */
  async onModuleDestroy(): Promise<void> {
    await this.registry.originStore?.close?.();
  }
}
