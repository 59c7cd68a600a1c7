import { afterEach, describe, expect, it } from '@jest/globals';
import { Controller, Get, Header, INestApplication, Injectable, Module, NestInterceptor, Param, Res, UseInterceptors, VersioningType } from '@nestjs/common';
import { AbstractHttpAdapter, ApplicationConfig, ModulesContainer } from '@nestjs/core';
import { createRequire } from 'node:module';
import { CorsModule } from '../../../lib/index.js';
import { CorsGuard } from '../../../lib/internal/request/cors-guard.js';
import { expressPlatform } from '../../../lib/internal/platform/express-platform.js';
import { fastifyPlatform } from '../../../lib/internal/platform/fastify-platform.js';
import {
  HEADERS_METADATA,
  INTERCEPTORS_METADATA,
  METHOD_METADATA,
  PATH_METADATA,
  RESPONSE_PARAM_TYPE,
  ROUTE_ARGS_METADATA,
} from '../../../lib/internal/platform/nest-metadata-keys.js';
import {
  applicationIdOf,
  currentRequestHook,
  fastifyEnableCorsIsSet,
  gatewayMetadataOf,
  globalGuardsAreLive,
  pathNormalizer,
  webSocketAdapterOf,
} from '../../../lib/internal/platform/nest-private-state.js';
import { loadRouteOrdering } from '../../../lib/internal/routing/route-specificity.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';

/**
 * Every read of Nest's or an adapter's private state that the platform layer makes
 * (`lib/internal/platform/`), checked against the installed versions. When one of these fails
 * after an upgrade, the platform layer must be adapted before anything else: CORS would silently
 * stop working in the place the failing read serves.
 */
@Injectable()
class NoopInterceptor implements NestInterceptor {
  intercept(_context: unknown, next: { handle(): unknown }) {
    return next.handle() as never;
  }
}

@Controller('probe')
class ProbeController {
  @Get()
  @Header('X-Probe', 'yes')
  @UseInterceptors(NoopInterceptor)
  get(@Res({ passthrough: true }) _res: unknown) {
    return 'ok';
  }

  @Get(':id')
  one(@Param('id') id: string) {
    return id;
  }
}

@Module({ imports: [CorsModule.forRoot({ origin: ['https://app.example.com'] })], controllers: [ProbeController], providers: [NoopInterceptor] })
class ProbeModule {}

const nestMajor = Number((createRequire(import.meta.url)('@nestjs/core/package.json') as { version: string }).version.split('.')[0]);

describe("Nest's metadata keys (nest-metadata-keys.ts)", () => {
  it('are where Nest 11/12 decorators put their values', () => {
    const handler = ProbeController.prototype.get;
    expect(Reflect.getMetadata(PATH_METADATA, ProbeController)).toBe('probe');
    expect(Reflect.getMetadata(PATH_METADATA, handler)).toBe('/');
    expect(Reflect.getMetadata(METHOD_METADATA, handler)).toBe(0);
    expect(Reflect.getMetadata(HEADERS_METADATA, handler)).toEqual([{ name: 'X-Probe', value: 'yes' }]);
    expect(Reflect.getMetadata(INTERCEPTORS_METADATA, handler)).toEqual([NoopInterceptor]);
    const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, ProbeController, 'get') as Record<string, unknown>;
    expect(Object.keys(args).some((key) => key.startsWith(`${RESPONSE_PARAM_TYPE}:`))).toBe(true);
  });

  it("Nest's route specificity sorter loads on Nest 12 (Nest 11 has none)", async () => {
    const ordering = await loadRouteOrdering();
    expect(ordering.bySpecificity !== undefined).toBe(nestMajor >= 12);
  });
});

describe.each(ADAPTERS)("private state read by the platform layer (%s)", (name, create) => {
  let running: RunningApp | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  const adapterOf = (app: INestApplication) => app.getHttpAdapter() as unknown as AbstractHttpAdapter;

  it('the adapter keeps the request hook in `onRequestHook`, and ours is there after init', async () => {
    const earlier = () => undefined;
    running = await startApp(create, ProbeModule, (app) => adapterOf(app).setOnRequestHook(earlier as never));
    const hook = currentRequestHook(adapterOf(running.app));
    expect(typeof hook).toBe('function');
    expect(hook).not.toBe(earlier);
    expect((hook as { name?: string }).name).toBe('corsEntryHook');
  });

  it('getGlobalGuards() is the live array Nest reads, with the CORS guard in it where a route needs it', async () => {
    running = await startApp(create, ProbeModule);
    const config = running.app.get(ApplicationConfig);
    expect(globalGuardsAreLive(config)).toBe(true);
    const guard = running.app.get(CorsGuard);
    // Every route here is decided before Nest's pipeline (Express: the entry hook; Fastify: its route hook): the guard is taken out.
    expect((config.getGlobalGuards() as unknown[]).indexOf(guard)).toBe(-1);
  });

  it('ModulesContainer has the applicationId and the adapter its path normalizer', async () => {
    running = await startApp(create, ProbeModule);
    expect(typeof applicationIdOf(running.app.get(ModulesContainer))).toBe('string');
    expect(typeof (adapterOf(running.app) as unknown as { normalizePath?: unknown }).normalizePath).toBe('function');
    expect(pathNormalizer(adapterOf(running.app))('/probe')).toBe('/probe');
  });

  it('another CORS layer (enableCors) is found where the platform looks for it', async () => {
    running = await startApp(create, ProbeModule, (app) => app.enableCors());
    const adapter = adapterOf(running.app);
    const platform = name === 'express' ? expressPlatform(adapter) : fastifyPlatform(adapter);
    expect(platform.otherCorsLayers()).toHaveLength(1);
    expect(running.logger.cors('warn').join('\n')).toContain('Another CORS layer is active');
  });

  if (name === 'express') {
    it("Express's router keeps the caseSensitive and strict options it was created with (router 2.3), which win over later app.set()", async () => {
      running = await startApp(create, ProbeModule, (app) => {
        (app as unknown as { set(name: string, value: unknown): void }).set('strict routing', true);
      });
      const app = adapterOf(running.app).getInstance() as { router: { caseSensitive?: unknown; strict?: unknown }; get(name: string): unknown };
      expect([app.router.caseSensitive, app.router.strict, app.get('strict routing')]).toEqual([false, false, true]);
    });

    it("Express's router layers keep their mount path (rawPath, router 2.3), which names the paths another CORS layer covers", async () => {
      running = await startApp(create, ProbeModule, (app) => {
        app.use('/graphql', (_req: unknown, _res: unknown, next: () => void) => next());
      });
      const app = adapterOf(running.app).getInstance() as { router: { stack: Array<{ rawPath?: unknown }> } };
      expect(app.router.stack.map((layer) => layer.rawPath)).toContain('/graphql');
    });
  }

  if (name === 'fastify') {
    it("Fastify's public initialConfig, and findRoute() answering with the params of the route Fastify would pick, or null", async () => {
      running = await startApp(create, ProbeModule);
      const instance = adapterOf(running.app).getInstance() as { initialConfig?: unknown; findRoute(options: { method: string; url: string }): { params: object } | null };
      expect(typeof instance.initialConfig).toBe('object');
      expect(Object.keys(instance.findRoute({ method: 'GET', url: '/probe' })!.params)).toEqual([]);
      expect(Object.keys(instance.findRoute({ method: 'GET', url: '/probe/42' })!.params)).toEqual(['id']);
      expect(instance.findRoute({ method: 'HEAD', url: '/probe' })).not.toBeNull();
      expect(instance.findRoute({ method: 'PUT', url: '/probe' })).toBeNull();
    });

    it("Nest's Fastify adapter keeps enableCors()'s hook in `corsHook` once its plugin loaded, and has none without enableCors()", async () => {
      running = await startApp(create, ProbeModule);
      expect(fastifyEnableCorsIsSet(adapterOf(running.app))).toBe(false);
      await running.close();
      running = await startApp(create, ProbeModule, (app) => app.enableCors());
      expect(fastifyEnableCorsIsSet(adapterOf(running.app))).toBe(true);
    });

    it('Nest registers a header-versioned route with a version constraint (seen by onRoute), which findRoute() without constraints does not see', async () => {
      @Controller({ path: 'versioned', version: '1' })
      class VersionedController {
        @Get()
        get() {
          return 'ok';
        }
      }
      @Module({ imports: [CorsModule.forRoot({ origin: ['https://app.example.com'] })], controllers: [VersionedController] })
      class VersionedModule {}
      const constraints: unknown[] = [];
      running = await startApp(create, VersionedModule, (app) => {
        app.enableVersioning({ type: VersioningType.HEADER, header: 'X-Version' });
        const instance = adapterOf(app).getInstance() as { addHook(name: 'onRoute', hook: (options: { url: string; constraints?: unknown }) => void): void };
        instance.addHook('onRoute', (options) => {
          if (options.url === '/versioned') constraints.push(options.constraints);
        });
      });
      expect(constraints).toContainEqual({ version: '1' });
      const instance = adapterOf(running.app).getInstance() as { findRoute(options: { method: string; url: string }): unknown };
      expect(instance.findRoute({ method: 'GET', url: '/versioned' })).toBeNull();
    });
  } else {
    it("every response of an Express app inherits from the app's `response`, which carries the sealed writeHead after startup", async () => {
      let seen: object | undefined;
      running = await startApp(create, ProbeModule, (app) => {
        app.use((_req: unknown, res: object, next: () => void) => {
          seen = res;
          next();
        });
      });
      const app = adapterOf(running.app).getInstance() as { response: { writeHead: unknown } };
      const answer = await fetch(`${running.url}/probe`, { headers: { Origin: 'https://app.example.com' } });
      expect(answer.headers.get('vary')).toBe('Origin');
      expect(Object.prototype.isPrototypeOf.call(app.response, seen!)).toBe(true);
      expect(Object.hasOwn(app.response, 'writeHead')).toBe(true);
      expect((app.response.writeHead as { name: string }).name).toBe('writeHeadSealed');
      // Sealed through the prototype: the response has no writeHead of its own.
      expect(Object.hasOwn(seen!, 'writeHead')).toBe(false);
    });

    it("Express keeps its router's layers in `router.stack` (Express 5) or `_router.stack` (Express 4)", async () => {
      running = await startApp(create, ProbeModule);
      const instance = adapterOf(running.app).getInstance() as { router?: { stack?: unknown[] }; _router?: { stack?: unknown[] } };
      expect(Array.isArray((instance.router ?? instance._router)?.stack)).toBe(true);
    });
  }
});

// @nestjs/websockets 12 needs Nest 12: the Nest 11 run (test/compat) has no gateways to read.
if (nestMajor >= 12) {
  describe.each(ADAPTERS)('gateway state read by the library (%s)', (_name, create) => {
    let running: RunningApp | undefined;
    afterEach(async () => {
      await running?.close();
      running = undefined;
    });

    /** A gateway module built from the real decorator, loaded only here (an optional peer). */
    async function gatewayModule(): Promise<{ gateway: new () => unknown; module: new () => unknown }> {
      const { WebSocketGateway } = await import('@nestjs/websockets');
      @WebSocketGateway(0, { namespace: 'probe', path: '/probe.io', cors: { origin: '*' } })
      class ProbeGateway {}
      @Module({ imports: [CorsModule.forRoot({ origin: ['https://app.example.com'] })], providers: [ProbeGateway] })
      class GatewayModule {}
      return { gateway: ProbeGateway, module: GatewayModule };
    }

    it('@WebSocketGateway() stores port and options under the keys gatewayMetadataOf reads (@nestjs/websockets 12.1)', async () => {
      const { gateway } = await gatewayModule();
      expect(gatewayMetadataOf(gateway)).toEqual({ port: 0, options: { namespace: 'probe', path: '/probe.io', cors: { origin: '*' } } });
      expect(gatewayMetadataOf(ProbeController)).toBeUndefined();
    });

    it("getIoAdapter() is the app's WebSocket adapter (Nest's IoAdapter when none was set), with forceCloseConnections", async () => {
      const { module } = await gatewayModule();
      const { IoAdapter } = await import('@nestjs/platform-socket.io');
      running = await startApp(create, module);
      const adapter = webSocketAdapterOf(running.app.get(ApplicationConfig));
      expect(adapter).toBeInstanceOf(IoAdapter);
      expect((adapter as { forceCloseConnections?: unknown }).forceCloseConnections).toBe(true);
    });
  });
}
