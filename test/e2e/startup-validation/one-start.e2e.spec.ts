import { describe, it } from '@jest/globals';
import { Controller, Get } from '@nestjs/common';
import { Cors, CorsModule, CorsModuleOptions } from '../../../lib/index.js';
import { ADAPTERS } from '../utils/adapters.js';
import { PlainController } from './controllers.js';
import { expectProblems, problem, startupError } from './startup.js';

const MODULE = 'CorsModule options';
const APP = 'https://app.example.com';
const WILDCARD = 'browsers refuse credentials with Access-Control-Allow-Origin: *';

/** Module options as a JavaScript caller could pass them (the compiler refuses these too). */
const forRoot = (options: Record<string, unknown>) => CorsModule.forRoot(options as CorsModuleOptions);

@Controller('partners')
class PartnersController {
  @Cors('partners')
  @Get() list() { return []; }
}

@Controller('public')
class PublicController {
  @Cors({ origin: '*' })
  @Get() list() { return []; }
}

describe.each(ADAPTERS)('startup validation: one start reports every problem, each where it was written (%s)', (_name, create) => {
  it('a broken named policy, a route using it, a broken route and a paths entry: each once, inherited fields named', async () => {
    const error = await startupError(create, {
      imports: [forRoot({ origin: [APP], credentials: true, policies: { partners: { origin: '*' } }, paths: { '/assets/*': { origin: '*' } } })],
      controllers: [PartnersController, PublicController],
    });
    expectProblems(error, [
      problem('policies.partners', 'wildcard-with-credentials', 'origin', '*', [WILDCARD, 'credentials: true inherited from the module defaults; set credentials: false in policies.partners to override']),
      problem('PublicController.list', 'wildcard-with-credentials', 'origin', '*', [WILDCARD, 'credentials: true inherited from the module defaults; set credentials: false in @Cors() on PublicController.list to override'], 'GET /public'),
      problem("paths['/assets/*']", 'wildcard-with-credentials', 'origin', '*', [WILDCARD, "credentials: true inherited from the module defaults; set credentials: false in paths['/assets/*'] to override"], '/assets/*'),
    ]);
  });

  it("enableCors() options moved as they were: each option this library does not take says why, beside the other problems", async () => {
    const error = await startupError(create, {
      imports: [forRoot({ origin: true, methods: 'GET,POST', credentials: true, preflightContinue: false, optionsSuccessStatus: 204, headers: ['x-api-key'] })],
      controllers: [PlainController],
    });
    expectProblems(error, [
      problem(MODULE, 'unsupported-option', 'preflightContinue', false, ['not supported (cors, @fastify/cors): preflights are answered before any middleware or guard', 'paths entry', "unmatchedPreflight: 'pass'"]),
      problem(MODULE, 'unsupported-option', 'headers', ['x-api-key'], ["the cors package's other name for allowedHeaders: use allowedHeaders"]),
      problem(MODULE, 'reflect-any-origin', 'origin', true, ['list the origins']),
      problem(MODULE, 'invalid-type', 'methods', 'GET,POST', ['a list of method names']),
    ]);
  });

  it('@fastify/cors options in a decorator: said where they are written', async () => {
    @Controller('hooked')
    class HookedController {
      @Cors({ origin: APP, hook: 'preHandler', strictPreflight: false } as never)
      @Get() list() { return []; }
    }
    const error = await startupError(create, { imports: [CorsModule.forRoot({ origin: [APP] })], controllers: [HookedController] });
    expectProblems(error, [
      problem('HookedController.list', 'unsupported-option', 'hook', 'preHandler', ["not needed (@fastify/cors): preflights are answered in the adapter's first request hook; remove it"]),
      problem('HookedController.list', 'unsupported-option', 'strictPreflight', false, ['is not a preflight here', "Nest's 404"]),
    ]);
  });
});
