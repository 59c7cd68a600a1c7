import {
  BadRequestException, CanActivate, Controller, Delete, ExecutionContext, Get, Header, Injectable, InternalServerErrorException,
  Module, Param, ParseIntPipe, Post, Redirect, Res, UnauthorizedException, UseGuards,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Cors, CorsModule } from '../../../lib/index.js';

export const APP = 'https://app.example.com';
export const ADMIN = 'https://admin.example.com';
export const PARTNER = 'https://partner.example.org';

/** An Express response or a Fastify reply, as `@Res()` gives it. */
type ResponseLike = object;

function isFastifyReply(res: ResponseLike): res is { header(name: string, value: string): unknown; send(body: unknown): void } {
  return 'raw' in res;
}

/** Sets `Vary` the way a handler would on its adapter, replacing any value already set. */
function setVary(res: ResponseLike, value: string): void {
  if (isFastifyReply(res)) res.header('Vary', value);
  else (res as { setHeader(name: string, value: string): void }).setHeader('Vary', value);
}

/** An app-wide auth guard, registered before CorsModule is even imported. */
@Injectable()
export class AuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; url: string }>();
    if (!request.url.includes('/secure')) return true;
    if (request.headers.authorization !== 'Bearer ok') throw new UnauthorizedException('no token');
    return true;
  }
}

@Injectable()
class DenyGuard implements CanActivate {
  canActivate(): boolean {
    return false;
  }
}

@Controller('items')
export class ItemsController {
  @Get()
  list() {
    return [{ id: 1 }];
  }

  @Get('secure')
  secure() {
    return { secret: true };
  }

  @Get('boom')
  boom() {
    throw new InternalServerErrorException('boom');
  }

  @Get('crash')
  crash() {
    throw new Error('unexpected');
  }

  @Get('number/:id')
  number(@Param('id', ParseIntPipe) id: number) {
    return { id };
  }

  @Get('forbidden')
  @UseGuards(DenyGuard)
  forbidden() {
    return {};
  }

  @Post('validate')
  validate() {
    throw new BadRequestException('invalid');
  }

  @Get('moved')
  @Redirect('/items', 302)
  moved() {
    return undefined;
  }

  @Get('vary')
  @Header('Vary', 'Accept-Encoding')
  vary() {
    return {};
  }

  /** The handler replaces `Vary` through the response object itself (passthrough). */
  @Get('res-vary')
  resVary(@Res({ passthrough: true }) res: ResponseLike) {
    setVary(res, 'Accept');
    return {};
  }

  /** The handler sets `Vary` and sends the response itself. */
  @Get('res-send')
  resSend(@Res() res: ResponseLike) {
    setVary(res, 'Accept-Language');
    if (isFastifyReply(res)) res.send({ sent: true });
    else (res as { json(body: unknown): void }).json({ sent: true });
  }

  @Get('cache')
  @Header('Cache-Control', 'max-age=60')
  cache() {
    return {};
  }

  @Cors({ origin: ADMIN, credentials: true, exposedHeaders: ['X-Request-Id', 'X-Total'] })
  @Delete(':id')
  remove(@Param('id') id: string) {
    return { removed: id };
  }
}

@Cors('partners')
@Controller('partners')
export class PartnersController {
  @Get()
  list() {
    return [];
  }

  @Cors('partners', { maxAge: 60, exposedHeaders: ['X-Partner'] })
  @Get('tuned')
  tuned() {
    return [];
  }

  @Cors({ origin: [APP] })
  @Get('inline')
  inline() {
    return [];
  }
}

@Cors(false)
@Controller('internal')
export class InternalController {
  @Get()
  hidden() {
    return {};
  }

  @Cors()
  @Get('reenabled')
  reenabled() {
    return {};
  }
}

@Cors({ origin: '*', credentials: false, exposedHeaders: ['X-Public'] })
@Controller('public')
export class PublicController {
  @Get()
  open() {
    return {};
  }

  @Cors(false)
  @Get('off')
  off() {
    return {};
  }
}

@Cors({ origin: ['https://*.tenants.example.com', 'http://localhost:*'] })
@Controller('tenants')
export class TenantsController {
  @Get()
  list() {
    return [];
  }
}

@Module({
  imports: [
    CorsModule.forRoot({
      origin: [APP],
      credentials: true,
      exposedHeaders: ['X-Request-Id'],
      policies: { partners: { origin: [PARTNER], credentials: false } },
    }),
  ],
  controllers: [ItemsController, PartnersController, InternalController, PublicController, TenantsController],
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
})
export class AppModule {}
