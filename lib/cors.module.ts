import { DynamicModule, Global, Inject, MiddlewareConsumer, Module, NestModule, OnApplicationBootstrap, OnModuleDestroy, Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CORS_MODULE_OPTIONS } from './cors.constants.js';
import { CorsPolicyService } from './cors-policy.service.js';
import { CorsModuleAsyncOptions, CorsModuleOptions, CorsOptionsFactory } from './interfaces/cors-module-options.interface.js';
import { validateAsyncOptions } from './internal/compile/validate-module-options.js';
import type { CheckedCorsModuleOptions } from './internal/policy/checked-options.js';
import { CorsBootstrap } from './internal/platform/cors-bootstrap.js';
import { corsModuleCall } from './internal/platform/module-imports.js';
import { ROUTE_ORDERING, loadRouteOrdering } from './internal/routing/route-specificity.js';
import { CorsGuard } from './internal/request/cors-guard.js';
import { CorsInterceptor } from './internal/request/cors-interceptor.js';
import { CorsAppState } from './internal/request/cors-request-path.js';

const CORE_PROVIDERS: Provider[] = [
  { provide: ROUTE_ORDERING, useFactory: loadRouteOrdering },
  CorsAppState,
  CorsBootstrap,
  CorsGuard,
  CorsInterceptor,
  CorsPolicyService,
  { provide: APP_GUARD, useFactory: (guard: CorsGuard) => guard, inject: [CorsGuard] },
];

/**
 * Registers per-route CORS for the whole app: the entry hook that answers preflights first,
 * whatever gives actual requests their headers on the app's adapter (see ARCHITECTURE.md), and
 * `CorsPolicyService`.
 * @publicApi
 */
@Global()
@Module({})
export class CorsModule implements NestModule, OnApplicationBootstrap, OnModuleDestroy {
  // Injected into a property, not the constructor, so that the class's public type names nothing internal.
  @Inject(CorsBootstrap) private readonly bootstrap!: CorsBootstrap;

  /**
   * CORS for every route from these defaults, named policies and `@Cors()` decorators. Options
   * written as literals are checked by the compiler too (as in `@Cors()`), named policies together
   * with the defaults they inherit, and `paths` values that name a policy against `policies`.
   */
  static forRoot<const O extends CorsModuleOptions & object>(options: O & CheckedCorsModuleOptions<O> = {} as O & CheckedCorsModuleOptions<O>): DynamicModule {
    return {
      module: CorsModule,
      global: true,
      providers: [{ provide: CORS_MODULE_OPTIONS, useValue: options }, corsModuleCall('CorsModule.forRoot()'), ...CORE_PROVIDERS],
      exports: [CorsPolicyService],
    };
  }

  /** Like `forRoot()`, with options from a factory, a class or an existing provider. */
  static forRootAsync(options: CorsModuleAsyncOptions): DynamicModule {
    return {
      module: CorsModule,
      global: true,
      imports: options.imports ?? [],
      providers: [...CorsModule.createAsyncProviders(options), corsModuleCall('CorsModule.forRootAsync()'), ...CORE_PROVIDERS],
      exports: [CorsPolicyService],
    };
  }

  private static createAsyncProviders(options: CorsModuleAsyncOptions): Provider[] {
    validateAsyncOptions(options);
    if (options.useFactory) {
      return [{ provide: CORS_MODULE_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] }];
    }
    const factoryClass = (options.useClass ?? options.useExisting)!;
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
    this.bootstrap.initialize();
  }

  /** After startup: make sure nothing replaced the entry hook, and load runtime origins from the store. */
  async onApplicationBootstrap(): Promise<void> {
    await this.bootstrap.onBootstrap();
  }

  /** Releases the origin store's connections. */
  async onModuleDestroy(): Promise<void> {
    await this.bootstrap.close();
  }
}
