/**
 * Type tests of the public API: configurations browsers refuse are compile errors where they are
 * written as literals; valid ones compile. Checked by `npm run lint` (tsc), and by
 * check-type-tests.mjs, which removes every `@ts-expect-error` and requires each line below one to
 * fail with the message after `--` (so no directive passes by catching some other error).
 * Nothing here runs.
 */
import { Controller, Get, Injectable } from '@nestjs/common';
import { Cors, CorsModule, CorsModuleOptions, CorsOptionsFactory, CorsPolicyOptions, CorsPolicyService, CorsEndpointInfo, RouteCorsInfo, GatewayCorsInfo } from '../../lib/index.js';
import { RedisOriginStore } from '../../lib/redis/index.js';

const APP = 'https://app.example.com';

// --- refused: credentials with a wildcard origin ---------------------------------------------
// @ts-expect-error -- origin '*' cannot be combined with credentials: true
CorsModule.forRoot({ origin: '*', credentials: true });
// @ts-expect-error -- origin '*' cannot be combined with credentials: true
CorsModule.forRoot({ origin: APP, policies: { partner: { origin: '*', credentials: true } } });
// A named policy inherits credentials from the module defaults:
// @ts-expect-error -- origin '*' cannot be combined with credentials: true
CorsModule.forRoot({ origin: APP, credentials: true, policies: { open: { origin: '*' } } });
// ... or the wildcard origin, and then its own credentials are the error:
// @ts-expect-error -- origin '*' cannot be combined with credentials: true
CorsModule.forRoot({ origin: '*', policies: { session: { credentials: true } } });

// --- refused: credentials with wildcard exposed headers ---------------------------------------
// @ts-expect-error -- exposedHeaders '*' cannot be combined with credentials: true
CorsModule.forRoot({ origin: APP, credentials: true, exposedHeaders: '*' });
// @ts-expect-error -- exposedHeaders '*' cannot be combined with credentials: true
CorsModule.forRoot({ origin: APP, exposedHeaders: '*', policies: { session: { credentials: true } } });

// --- refused: origins no browser sends, or that allow everything -------------------------------
// @ts-expect-error -- origin 'null' would allow sandboxed iframes
CorsModule.forRoot({ origin: 'null' });
// @ts-expect-error -- Type 'true' is not assignable
CorsModule.forRoot({ origin: true });
// @ts-expect-error -- Type 'string' is not assignable to type 'number'
CorsModule.forRoot({ origin: APP, maxAge: '600' });
// @ts-expect-error -- is not assignable to type '"refuse" | "pass"
CorsModule.forRoot({ origin: APP, unmatchedPreflight: 'allow' });
// @ts-expect-error -- not a nestjs-cors option: did you mean 'credentials'?
CorsModule.forRoot({ origin: APP, credential: true });
// @ts-expect-error -- is not assignable to parameter of type
CorsModule.forRoot(true);
// @ts-expect-error -- not a nestjs-cors option: did you mean 'maxAge'?
CorsModule.forRoot({ origin: APP, policies: { partner: { origin: APP, maxage: 60 } } });
// Module-only options are not policy options:
// @ts-expect-error -- a CorsModule option: it can only be set in CorsModule.forRoot()
CorsModule.forRoot({ origin: APP, policies: { partner: { origin: APP, debug: true } } });

// --- unknown options: a "did you mean" for typos and other libraries' names --------------------
// @ts-expect-error -- not a nestjs-cors option: check the spelling
CorsModule.forRoot({ origin: APP, sameSite: 'lax' });
// @ts-expect-error -- not a nestjs-cors option: did you mean 'origin'?
CorsModule.forRoot({ orgin: APP });
// @ts-expect-error -- not a nestjs-cors option: did you mean 'origin'?
CorsModule.forRoot({ allowedOrigins: [APP] });
// @ts-expect-error -- not a nestjs-cors option: did you mean 'credentials'?
CorsModule.forRoot({ origin: APP, withCredentials: true });
// @ts-expect-error -- not a nestjs-cors option: did you mean 'allowedHeaders'?
CorsModule.forRoot({ origin: APP, AllowedHeaders: ['x-api-key'] });
// @ts-expect-error -- not a nestjs-cors option: did you mean 'exposedHeaders'?
CorsModule.forRoot({ origin: APP, paths: { '/graphql': { origin: APP, exposeHeaders: ['x-trace'] } } });
// @ts-expect-error -- not a nestjs-cors option: did you mean 'methods'?
CorsModule.forRoot({ origin: APP, policies: { partner: { origin: APP, mehtods: ['GET'] } } });
// @ts-expect-error -- not a nestjs-cors option: did you mean 'logRoutes'?
CorsModule.forRoot({ origin: APP, logRoute: true });

// --- options of cors / @fastify/cors this library does not take: why, and what instead ----------
// (test/unit/policy/foreign-options.spec.ts checks each message is the one startup gives)
// @ts-expect-error -- not supported (cors, @fastify/cors): preflights are answered before any middleware or guard; give endpoints outside controllers a paths entry, or set unmatchedPreflight: 'pass' to hand preflights nothing here serves to the app
CorsModule.forRoot({ origin: APP, preflightContinue: false });
// @ts-expect-error -- not supported (@fastify/cors): use @Cors(false) on the routes that must have no CORS
CorsModule.forRoot({ origin: APP, preflight: false });
// @ts-expect-error -- not needed (@fastify/cors): an OPTIONS request without Origin or Access-Control-Request-Method is not a preflight here, and reaches your @Options() route or Nest's 404; remove it
CorsModule.forRoot({ origin: APP, strictPreflight: true });
// @ts-expect-error -- not needed (@fastify/cors): no OPTIONS route is registered, preflights are answered in the request hook; remove it
CorsModule.forRoot({ origin: APP, hideOptionsRoute: true });
// @ts-expect-error -- not needed (@fastify/cors): preflights are answered in the adapter's first request hook; remove it
CorsModule.forRoot({ origin: APP, policies: { partner: { origin: APP, hook: 'preHandler' } } });
// A nested policy with no known field at all fails TypeScript's own check first (the policy's
// literal type is not inferred): its message names the field, startup says why.
// @ts-expect-error -- 'hook' does not exist in type 'CorsPolicyOptions'
CorsModule.forRoot({ origin: APP, policies: { partner: { hook: 'preHandler' } } });
// @ts-expect-error -- not supported (@fastify/cors): browsers keep a preflight answer for maxAge seconds; set maxAge
CorsModule.forRoot({ origin: APP, cacheControl: 600 });
// @ts-expect-error -- not supported (@fastify/cors): set debug: true in CorsModule.forRoot() to log each refusal with its reason
CorsModule.forRoot({ origin: APP, logLevel: 'warn' });
// @ts-expect-error -- not supported (@fastify/cors): options are checked and compiled once, at startup; use @Cors() per route, named policies, paths, or an origin function (with originCache)
CorsModule.forRoot({ origin: APP, paths: { '/graphql': { origin: APP, delegator: () => undefined } } });
// @ts-expect-error -- the cors package's other name for allowedHeaders: use allowedHeaders
CorsModule.forRoot({ origin: APP, headers: ['x-api-key'] });

// --- forRootAsync: exactly one way to create the options ---------------------------------------
@Injectable()
class Settings implements CorsOptionsFactory {
  createCorsOptions(): CorsModuleOptions {
    return { origin: [APP] };
  }
}
// @ts-expect-error -- is not assignable to type 'undefined'
CorsModule.forRootAsync({ useClass: Settings, useFactory: () => ({ origin: APP }) });
// @ts-expect-error -- is not assignable to parameter of type 'CorsModuleAsyncOptions'
CorsModule.forRootAsync({ imports: [] });

// --- @Cors() on controllers and handlers -------------------------------------------------------
@Controller('refused')
export class RefusedController {
  // @ts-expect-error -- origin '*' cannot be combined with credentials: true
  @Cors({ origin: '*', credentials: true }) @Get('a') a() {}
  // @ts-expect-error -- exposedHeaders '*' cannot be combined with credentials: true
  @Cors('partners', { credentials: true, exposedHeaders: '*' }) @Get('b') b() {}
  // @ts-expect-error -- No overload matches this call
  @Cors(true) @Get('c') c() {}
  // @ts-expect-error -- not a nestjs-cors option: did you mean 'credentials'?
  @Cors({ origin: APP, credential: true }) @Get('d') d() {}
  // @ts-expect-error -- not supported (cors, @fastify/cors): preflights are answered before any middleware or guard
  @Cors({ origin: APP, preflightContinue: true }) @Get('e') e() {}
}

// --- valid: all of these compile ---------------------------------------------------------------
const credentialsFromEnv: boolean = process.env.CREDENTIALS === '1';
const typed: CorsModuleOptions = { origin: '*', credentials: credentialsFromEnv };
CorsModule.forRoot();
CorsModule.forRoot(typed);
CorsModule.forRoot({
  origin: [APP, 'https://*.example.com', 'http://localhost:*', /^https:\/\/[a-z]+\.example\.org$/],
  credentials: true,
  methods: ['GET', 'POST'],
  allowedHeaders: '*',
  exposedHeaders: ['X-Request-Id'],
  maxAge: 600,
  policies: {
    public: { origin: '*', credentials: false, exposedHeaders: '*' },
    tenants: { origin: (origin) => origin.endsWith('.tenants.example.com'), originCache: { ttl: 60_000 } },
  },
  unmatchedPreflight: 'pass',
  originStore: new RedisOriginStore({ client: null as never }),
});
CorsModule.forRoot({ origin: '*', exposedHeaders: '*' });
CorsModule.forRootAsync({ useClass: Settings });
CorsModule.forRootAsync({ imports: [], inject: [Settings], useFactory: (settings: Settings) => settings.createCorsOptions() });

const inline: CorsPolicyOptions = { origin: APP, credentials: true };
@Cors('partners')
@Controller('valid')
export class ValidController {
  @Cors() @Get('a') a() {}
  @Cors(false) @Get('b') b() {}
  @Cors(inline) @Get('c') c() {}
  @Cors({ origin: [APP], credentials: true, exposedHeaders: ['X-Id'] }) @Get('d') d() {}
  @Cors('partners', { maxAge: 60 }) @Get('e') e() {}
}

// The service's results are typed, not `any`:
export async function routes(service: CorsPolicyService): Promise<CorsEndpointInfo[]> {
  await service.allowOrigin('https://new.example.com', 'tenants');
  const revoked: boolean = await service.revokeOrigin('https://new.example.com');
  // @ts-expect-error -- Type 'CorsEndpointInfo[]' is not assignable to type 'string'
  const wrong: string = service.getRoutes();
  return revoked ? service.getRoutes() : [wrong as never];
}

// --- paths: names must exist, inline options are checked like policies -----------------------
CorsModule.forRoot({
  origin: APP,
  policies: { web: { origin: [APP], credentials: true } },
  paths: { '/graphql': 'web', '/assets/*': { origin: '*' }, '/docs-json': true, '/internal': false },
});
CorsModule.forRoot({
  origin: APP,
  policies: { web: { origin: [APP] } },
  // @ts-expect-error -- no policy of that name in policies
  paths: { '/graphql': 'webb' },
});
CorsModule.forRoot({
  origin: APP,
  // @ts-expect-error -- origin '*' cannot be combined with credentials: true
  paths: { '/assets/*': { origin: '*', credentials: true } },
});
CorsModule.forRoot({
  origin: APP,
  credentials: true,
  // The inline options inherit credentials: true from the module defaults:
  // @ts-expect-error -- origin '*' cannot be combined with credentials: true
  paths: { '/assets/*': { origin: '*' } },
});
CorsModule.forRoot({
  origin: APP,
  // A path policy is a name, options, true or false:
  // @ts-expect-error -- is not assignable to type 'string | boolean | CorsPolicyOptions'
  paths: { '/graphql': 42 },
});

// getRoutes() entries are told apart by kind: only routes have a controller.
export function controllerNames(service: CorsPolicyService): string[] {
  // @ts-expect-error -- Property 'controller' does not exist on type 'PathCorsInfo'
  service.getRoutes().map((entry) => entry.controller);
  return service
    .getRoutes()
    .filter((entry): entry is RouteCorsInfo => entry.kind === 'route')
    .map((entry) => entry.controller);
}

// The websockets option: its fields are typed (validated at startup too).
CorsModule.forRoot({
  origin: APP,
  // @ts-expect-error -- Type 'number' is not assignable to type 'string'
  websockets: { policy: 42, requireOrigin: true },
});
CorsModule.forRoot({
  origin: APP,
  // @ts-expect-error -- Type 'string' is not assignable to type 'boolean | undefined'
  websockets: { closeOnRevoke: 'yes' },
});

// Gateways are getRoutes() entries too: only they have a namespace.
export function namespaces(service: CorsPolicyService): Array<string | undefined> {
  // @ts-expect-error -- Property 'namespace' does not exist on type 'RouteCorsInfo'
  service.getRoutes().map((entry) => entry.namespace);
  return service
    .getRoutes()
    .filter((entry): entry is GatewayCorsInfo => entry.kind === 'gateway')
    .map((entry) => entry.namespace);
}
