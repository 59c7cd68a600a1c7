/* global console */
/**
 * The benchmark app: N controllers (20 by default; the route-count axis of issue 11 varies it) x
 * 5 routes under the global prefix `api`, small JSON bodies, one CORS configuration applied in
 * each mode. Plain ESM JavaScript against the built
 * library (`dist/`), so decorators are applied with `Reflect.decorate` instead of `@` syntax.
 */
import 'reflect-metadata';
import { Controller, Delete, Get, Module, Param, Post, Put } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CorsModule, Cors } from '../dist/index.js';

/** The origins every mode allows; the load uses the middle one. */
export const ALLOWED_ORIGINS = ['https://a.example.com', 'https://app.example.com', 'https://c.example.com'];
export const LOAD_ORIGIN = ALLOWED_ORIGINS[1];
export const REFUSED_ORIGIN = 'https://evil.example.net';

/** The one CORS configuration of every mode, in this library's terms. */
export const POLICY = {
  origin: ALLOWED_ORIGINS,
  credentials: true,
  methods: ['GET', 'POST', 'PUT', 'DELETE'],
  allowedHeaders: ['Content-Type', 'Authorization'],
  exposedHeaders: ['X-Request-Id'],
  maxAge: 600,
};

/** The same configuration for Nest's `app.enableCors()`: these fields mean the same in the `cors` package and @fastify/cors. */
export const ENABLE_CORS_OPTIONS = { ...POLICY };

export const MODES = ['none', 'enableCors', 'module', 'decorated', 'dynamic'];
/**
 * Modes of the reporting work (issue 22), in a default run at the first controller count and
 * compared with `module` as well as with the baselines: `observed` is `module` with an
 * `onDecision` listener that does nothing, the origin report and the OpenTelemetry counter (the
 * server registers an SDK with an in-memory exporter); `reportOnly` is `module` as a report-only
 * rollout behind the same options (answers identical, both policies asked).
 */
export const REPORTING_MODES = ['observed', 'reportOnly'];
/**
 * The floor of an allowed cross-origin GET, not in a default run: no CORS layer, but one global
 * hook (Fastify `onRequest`) or middleware (Express) that writes the headers the module sends for
 * the allowed scenario, unconditionally. `module` minus `fixedHeaders` is what deciding costs;
 * `fixedHeaders` minus `none` what any layer that sends those headers pays. Answers the allowed
 * scenario only (`bench/scenarios.js`).
 */
export const FLOOR_MODES = ['fixedHeaders'];
const FIXED_HEADERS = [
  ['Access-Control-Allow-Origin', LOAD_ORIGIN],
  ['Access-Control-Allow-Credentials', 'true'],
  ['Access-Control-Expose-Headers', 'X-Request-Id'],
  ['Vary', 'Origin'],
];
/** Controllers of the default app, and of the memory test's app. */
export const CONTROLLER_COUNT = 20;
/** Routes per controller (`GET /`, `GET /:id`, `POST /`, `PUT /:id`, `DELETE /:id`). */
export const ROUTES_PER_CONTROLLER = 5;

/** The path the load requests in an app of `controllers` controllers: the last-registered one, the last a linear router reaches. */
export const loadPath = (controllers) => `/api/c${controllers - 1}/42`;

const ALLOWED_SET = new Set(ALLOWED_ORIGINS);
/** The async origin function of the `dynamic` mode: a lookup behind a promise, as a database check would be. */
export const asyncOrigin = async (origin) => ALLOWED_SET.has(origin);
/** Cache settings of the `dynamic` mode (issue 7). */
export const ORIGIN_CACHE = { ttl: 60_000, negativeTtl: 5_000, max: 10_000, maxNegative: 10_000 };

function decorateMethod(target, name, decorators) {
  const descriptor = Object.getOwnPropertyDescriptor(target.prototype, name);
  Object.defineProperty(target.prototype, name, Reflect.decorate(decorators, target.prototype, name, descriptor));
}

/** One controller `c<i>` with the five routes; `policy` adds `@Cors(policy)` on the class. */
function makeController(index, classDecorators) {
  const items = [
    { id: 1, name: 'first', tags: ['a', 'b'] },
    { id: 2, name: 'second', tags: ['c'] },
  ];
  const Items = class {
    list() {
      return items;
    }
    get(id) {
      return { id, name: `item ${id}`, controller: index };
    }
    create() {
      return { created: true };
    }
    update(id) {
      return { id, updated: true };
    }
    remove(id) {
      return { id, removed: true };
    }
  };
  Object.defineProperty(Items, 'name', { value: `Items${index}Controller` });
  Param('id')(Items.prototype, 'get', 0);
  Param('id')(Items.prototype, 'update', 0);
  Param('id')(Items.prototype, 'remove', 0);
  decorateMethod(Items, 'list', [Get()]);
  decorateMethod(Items, 'get', [Get(':id')]);
  decorateMethod(Items, 'create', [Post()]);
  decorateMethod(Items, 'update', [Put(':id')]);
  decorateMethod(Items, 'remove', [Delete(':id')]);
  return Reflect.decorate([...classDecorators, Controller(`c${index}`)], Items);
}

/** The root module of one mode, with `controllerCount` controllers `c0` ... registered in that order. */
export function createAppModule(mode, extra = {}, controllerCount = CONTROLLER_COUNT) {
  const classDecorators = mode === 'decorated' ? [Cors(POLICY)] : [];
  const controllers = [];
  for (let i = 0; i < controllerCount; i++) controllers.push(makeController(i, classDecorators));
  const imports = [];
  if (mode === 'module') imports.push(CorsModule.forRoot({ ...POLICY, ...extra }));
  if (mode === 'decorated') imports.push(CorsModule.forRoot({ ...extra }));
  if (mode === 'dynamic') imports.push(CorsModule.forRoot({ ...POLICY, origin: asyncOrigin, originCache: ORIGIN_CACHE, ...extra }));
  if (mode === 'observed') imports.push(CorsModule.forRoot({ ...POLICY, onDecision: () => undefined, originReport: true, metrics: true, ...extra }));
  if (mode === 'reportOnly') imports.push(CorsModule.forRoot({ ...POLICY, rollout: { mode: 'report-only', current: POLICY }, ...extra }));
  const AppModule = class {};
  Object.defineProperty(AppModule, 'name', { value: `Bench_${mode}_Module` });
  return Reflect.decorate([Module({ imports, controllers: [...controllers, ...(extra.controllers ?? [])] })], AppModule);
}

/** Creates (not yet listening) the app of one adapter and mode. */
export async function createBenchApp(adapter, mode, moduleType = createAppModule(mode)) {
  let app;
  if (adapter === 'fastify') {
    const { FastifyAdapter } = await import('@nestjs/platform-fastify');
    app = await NestFactory.create(moduleType, new FastifyAdapter(), { logger: ['error'] });
  } else if (adapter === 'express') {
    app = await NestFactory.create(moduleType, { logger: ['error'] });
  } else {
    throw new Error(`unknown adapter ${adapter}`);
  }
  app.setGlobalPrefix('api');
  if (mode === 'enableCors') app.enableCors(ENABLE_CORS_OPTIONS);
  if (mode === 'fixedHeaders' && adapter === 'fastify') {
    app.getHttpAdapter().getInstance().addHook('onRequest', (_request, reply, done) => {
      for (const [name, value] of FIXED_HEADERS) reply.header(name, value);
      done();
    });
  }
  if (mode === 'fixedHeaders' && adapter === 'express') {
    app.use((_request, response, next) => {
      for (const [name, value] of FIXED_HEADERS) response.setHeader(name, value);
      next();
    });
  }
  if (![...MODES, ...REPORTING_MODES, ...FLOOR_MODES, 'memory'].includes(mode)) console.error(`unknown mode ${mode}`);
  return app;
}

/** Counters of the memory test's origin function: how often it was asked, for real and for random origins. */
export const originFunctionCalls = { real: 0, random: 0 };

/**
 * The memory test's app: the bench policy plus a subdomain pattern (so a million distinct
 * origins can be allowed), and a controller `dyn` whose origins come from an async function
 * behind the origin cache.
 */
export function createMemoryModule() {
  const countingOrigin = async (origin) => {
    if (ALLOWED_SET.has(origin)) {
      originFunctionCalls.real++;
      return true;
    }
    originFunctionCalls.random++;
    return false;
  };
  const Dynamic = class {
    get(id) {
      return { id, dynamic: true };
    }
  };
  Object.defineProperty(Dynamic, 'name', { value: 'DynamicController' });
  Param('id')(Dynamic.prototype, 'get', 0);
  decorateMethod(Dynamic, 'get', [Get(':id')]);
  Reflect.decorate([Cors('dynamic'), Controller('dyn')], Dynamic);
  const controllers = [];
  for (let i = 0; i < CONTROLLER_COUNT; i++) controllers.push(makeController(i, []));
  const MemoryModule = class {};
  Object.defineProperty(MemoryModule, 'name', { value: 'BenchMemoryModule' });
  return Reflect.decorate(
    [
      Module({
        imports: [
          CorsModule.forRoot({
            ...POLICY,
            origin: [...ALLOWED_ORIGINS, 'https://*.tenants.example.com'],
            policies: { dynamic: { origin: countingOrigin, originCache: ORIGIN_CACHE } },
          }),
        ],
        controllers: [...controllers, Dynamic],
      }),
    ],
    MemoryModule,
  );
}
