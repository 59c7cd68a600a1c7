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
// @ts-expect-error -- not a nestjs-cors option: check the spelling
CorsModule.forRoot({ origin: APP, credential: true });
// @ts-expect-error -- is not assignable to parameter of type
CorsModule.forRoot(true);
// @ts-expect-error -- not a nestjs-cors option: check the spelling
CorsModule.forRoot({ origin: APP, policies: { partner: { origin: APP, maxage: 60 } } });
// Module-only options are not policy options:
// @ts-expect-error -- not a nestjs-cors option: check the spelling
CorsModule.forRoot({ origin: APP, policies: { partner: { origin: APP, debug: true } } });

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
  // @ts-expect-error -- not a nestjs-cors option: check the spelling
  @Cors({ origin: APP, credential: true }) @Get('d') d() {}
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
