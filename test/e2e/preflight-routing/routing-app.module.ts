import { All, Controller, Delete, Get, Head, Header, Module, Options, Patch, Post, Put, Type } from '@nestjs/common';
import { Cors, CorsModule, CorsModuleOptions } from '../../../lib/index.js';
import { A, B, X, Y } from './origins.js';

/**
 * One path, one policy per method, plus static and parametric routes that compete for the
 * same URL. Each handler answers with its name, so an actual request shows which route the
 * adapter's router picked and a preflight can be compared with it.
 */
@Controller('items')
export class ItemsController {
  // Declared before ':id': Express tries routes in registration order, Fastify prefers static segments.
  @Get('special')
  @Cors({ origin: X })
  special() {
    return { route: 'items.special' };
  }

  @Get(':id')
  get() {
    return { route: 'items.get' };
  }

  @Delete(':id')
  @Cors({ origin: B })
  remove() {
    return { route: 'items.remove' };
  }

  @Put(':id')
  @Cors({ origin: Y })
  replace() {
    return { route: 'items.replace' };
  }
}

/** The parametric route is registered FIRST here: the adapters disagree on who serves `/order/static`. */
@Controller('order')
export class OrderController {
  @Get(':id')
  @Cors({ origin: Y })
  byId() {
    return { route: 'order.byId' };
  }

  @Get('static')
  @Cors({ origin: X })
  fixed() {
    return { route: 'order.static' };
  }
}

/** A destructive static route without CORS beside a parametric route with CORS, same method. */
@Controller('vault')
export class VaultController {
  @Delete('purge')
  @Cors(false)
  purge() {
    return { route: 'vault.purge' };
  }

  @Delete(':id')
  remove() {
    return { route: 'vault.remove' };
  }
}

/** Routes for the exact header set of an answered preflight. */
@Controller('h')
export class HeadersController {
  @Post('plain')
  plain() {
    return { route: 'h.plain' };
  }

  @Post('full')
  @Cors({ credentials: true, maxAge: 600, optionsSuccessStatus: 200 })
  full() {
    return { route: 'h.full' };
  }

  @Put('limited')
  @Cors({ allowedHeaders: ['X-Api-Key', 'Content-Type'] })
  limited() {
    return { route: 'h.limited' };
  }

  @Put('m')
  @Cors({ methods: ['GET', 'PUT'] })
  methodsPut() {
    return { route: 'h.m.put' };
  }

  @Patch('m')
  @Cors({ methods: ['GET', 'PUT'] })
  methodsPatch() {
    return { route: 'h.m.patch' };
  }

  @Put('nocors')
  @Cors(false)
  noCors() {
    return { route: 'h.nocors' };
  }
}

@Controller('off')
@Cors(false)
export class DisabledController {
  @Put('closed')
  closed() {
    return { route: 'off.closed' };
  }

  @Put('open')
  @Cors()
  open() {
    return { route: 'off.open' };
  }
}

@Controller('opt')
export class OptionsController {
  @Options('with')
  @Header('X-Route', 'opt.options')
  options() {
    return { route: 'opt.options' };
  }

  @Get('without')
  without() {
    return { route: 'opt.without' };
  }
}

@Controller('any')
export class AllController {
  @All('thing')
  @Cors({ origin: B })
  thing() {
    return { route: 'any.thing' };
  }

  // @All with a parameter first, then a static GET under it: who serves GET /any/mixed/fixed differs per adapter.
  @All('mixed/:id')
  @Cors({ origin: B })
  mixed() {
    return { route: 'any.mixed' };
  }

  @Get('mixed/fixed')
  fixed() {
    return { route: 'any.fixed' };
  }
}

/** Express 5 (path-to-regexp 8) wildcard syntax: `*path` needs one segment or more, `{*path}` also matches none. */
@Controller('files')
export class ExpressFilesController {
  @Get('readme')
  readme() {
    return { route: 'files.readme' };
  }

  @Get('*path')
  @Cors({ origin: X })
  any() {
    return { route: 'files.wildcard' };
  }
}

@Controller('docs')
export class ExpressDocsController {
  @Get('{*path}')
  @Cors({ origin: X })
  any() {
    return { route: 'docs.wildcard' };
  }
}

/**
 * Fastify (find-my-way) wildcard syntax: a bare trailing `*`. find-my-way refuses `*path` and
 * `{*path}` ("Wildcard must be the last character in the route").
 */
@Controller('files')
export class FastifyFilesController {
  @Get('readme')
  readme() {
    return { route: 'files.readme' };
  }

  @Get('*')
  @Cors({ origin: X })
  any() {
    return { route: 'files.wildcard' };
  }
}

/**
 * find-my-way regex parameters (Fastify only; path-to-regexp 8 has no such syntax). The plain
 * parameter is declared first, yet find-my-way tries regex parameters before plain ones.
 */
@Controller('num')
export class FastifyRegexParamController {
  @Get(':slug')
  @Cors({ origin: Y })
  slug() {
    return { route: 'num.slug' };
  }

  @Get(':id(^\\d+$)')
  @Cors({ origin: X })
  id() {
    return { route: 'num.id' };
  }
}

/**
 * An optional last parameter (find-my-way syntax, Fastify only): find-my-way registers the route
 * with and without it; a static route beside it wins where they overlap.
 */
@Controller('pages')
export class FastifyOptionalParamController {
  @Get('list')
  @Cors({ origin: Y })
  list() {
    return { route: 'pages.list' };
  }

  @Get(':page?')
  @Cors({ origin: X })
  page() {
    return { route: 'pages.page' };
  }
}

/**
 * A parameter and a wildcard at the same level (Fastify only). For `/mix/` find-my-way picks
 * `:id` with an empty value, which Nest's FastifyAdapter sends to the not-found handler.
 */
@Controller('mix')
export class FastifyParamAndWildcardController {
  @Get('*')
  @Cors({ origin: X })
  rest() {
    return { route: 'mix.wildcard' };
  }

  @Get(':id')
  @Cors({ origin: Y })
  byId() {
    return { route: 'mix.byId' };
  }
}

/**
 * Explicit HEAD routes next to GET routes on one path. Express only: Fastify already exposes a
 * HEAD route for every GET route and refuses a second one (FST_ERR_DUPLICATED_ROUTE).
 */
@Controller('head')
export class ExpressHeadController {
  @Get('get-first')
  @Header('X-Route', 'head.get-first.get')
  getFirstGet() {
    return { route: 'head.get-first.get' };
  }

  @Head('get-first')
  @Cors({ origin: B })
  @Header('X-Route', 'head.get-first.head')
  getFirstHead() {
    return {};
  }

  @Head('head-first')
  @Cors({ origin: B })
  @Header('X-Route', 'head.head-first.head')
  headFirstHead() {
    return {};
  }

  @Get('head-first')
  @Header('X-Route', 'head.head-first.get')
  headFirstGet() {
    return { route: 'head.head-first.get' };
  }
}

const COMMON = [ItemsController, OrderController, VaultController, HeadersController, DisabledController, OptionsController, AllController];

/** The routing app for one adapter: module default origin A, plus `extra` module options. */
export function createRoutingModule(adapter: 'express' | 'fastify', extra: CorsModuleOptions = {}): Type {
  const perAdapter = adapter === 'express' ? [ExpressFilesController, ExpressDocsController, ExpressHeadController] : [FastifyFilesController, FastifyRegexParamController, FastifyParamAndWildcardController, FastifyOptionalParamController];
  @Module({ imports: [CorsModule.forRoot({ origin: A, ...extra })], controllers: [...COMMON, ...perAdapter] })
  class RoutingModule {}
  return RoutingModule;
}
