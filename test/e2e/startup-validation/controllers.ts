import { Controller, Get, Header, Param, Post, Put } from '@nestjs/common';
import { Cors, CorsPolicyOptions } from '../../../lib/index.js';

/** Options that TypeScript would refuse, as a JavaScript caller (or a cast) could still pass them. */
export const untyped = (options: Record<string, unknown>): CorsPolicyOptions => options as unknown as CorsPolicyOptions;

/** No decorator: its routes take the module defaults. */
@Controller('plain')
export class PlainController {
  @Get() list() { return []; }
  @Post() create() { return {}; }
}

/** `origin: '*'` with credentials on one handler only. */
@Controller('x')
export class HandlerWildcardController {
  @Cors(untyped({ origin: '*', credentials: true }))
  @Get() list() { return []; }
  @Get('other') other() { return {}; }
}

/** `origin: '*'` on a handler, credentials from the module defaults. */
@Controller('inherit')
export class InheritedCredentialsController {
  @Cors({ origin: '*' })
  @Get(':id') get(@Param('id') id: string) { return { id }; }
}

/** `origin: '*'` with credentials on the controller: every route of it is affected. */
@Cors(untyped({ origin: '*', credentials: true }))
@Controller('c')
export class ControllerWildcardController {
  @Get() list() { return []; }
  @Post() create() { return {}; }
}

/** Field problems on a controller decorator and on a handler decorator. */
@Cors(untyped({ maxAge: 86401 }))
@Controller('fields')
export class DecoratorFieldsController {
  @Get() list() { return []; }
  @Cors({ allowedHeaders: ['Host'], methods: ['put'] })
  @Put(':id') update(@Param('id') id: string) { return { id }; }
}

/** A typo in a policy name, and a name that resembles nothing configured. */
@Controller('typo')
export class TypoPolicyController {
  @Cors('unknwnPolicy')
  @Get() list() { return []; }
  @Cors('somethingElseEntirely')
  @Post() create() { return {}; }
}

/** Two decorators with problems, one referring to a named policy with problems of its own. */
@Controller('multi')
export class MultiController {
  @Cors('partner', { allowedHeaders: ['Cookie'] })
  @Get('a') a() { return {}; }
  @Cors({ origin: '*', methods: ['TRACE'] })
  @Post('b') b() { return {}; }
}

/** Two handlers that repeat the same mistake: each must be reported where it is. */
@Controller('repeat')
export class RepeatedMistakeController {
  @Cors({ origin: 'https://app.example.com/' })
  @Get('one') one() { return {}; }
  @Cors({ origin: 'https://app.example.com/' })
  @Get('two') two() { return {}; }
}

/** Accepted configurations on handlers: loopback http with credentials, opt-ins, named policies. */
@Controller('valid')
export class ValidController {
  @Get() list() { return []; }
  @Cors('public')
  @Get('public') open() { return {}; }
  @Cors('pages')
  @Get('pages') pages() { return {}; }
  @Cors('legacy')
  @Get('legacy') legacy() { return {}; }
  @Cors({ origin: ['http://localhost:3000', 'http://127.0.0.1:8080', 'http://[::1]:3000'], credentials: true })
  @Post('local') local() { return {}; }
  @Cors(false)
  @Get('off') off() { return {}; }
}

/** `@Header('Access-Control-*')` on routes with CORS (refused) and on a `@Cors(false)` route (the app's own business). */
@Controller('headers')
export class CorsHeaderDecoratorController {
  @Header('Access-Control-Allow-Origin', '*')
  @Header('Cache-Control', 'no-store')
  @Get() list() { return []; }

  @Header('access-control-expose-headers', 'X-Total')
  @Get('exposed') exposed() { return {}; }

  @Cors(false)
  @Header('Access-Control-Allow-Origin', '*')
  @Get('own') own() { return {}; }
}
