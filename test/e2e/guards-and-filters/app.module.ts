import {
  ArgumentsHost, CanActivate, Catch, Controller, ExceptionFilter, ExecutionContext, Get, HttpException, Injectable, Module,
  NotFoundException, Scope, UnauthorizedException, UseFilters,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, HttpAdapterHost } from '@nestjs/core';
import { CorsModule } from '../../../lib/index.js';

export const APP = 'https://app.example.com';
export const EVIL = 'https://evil.example.net';

type Request = { url: string; headers: Record<string, string | undefined> };

const CORS = CorsModule.forRoot({ origin: [APP], credentials: true, exposedHeaders: ['X-Request-Id'] });

/** The auth guard a `main.ts` registers with `app.useGlobalGuards(new MainAuthGuard())`, outside any module. */
export class MainAuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (request.url.startsWith('/main') && request.headers.authorization !== 'Bearer ok') throw new UnauthorizedException('main.ts guard');
    return true;
  }
}

/** A request-scoped `APP_GUARD`: Nest builds it per request, in a different code path from singleton guards. */
@Injectable({ scope: Scope.REQUEST })
export class ScopedAuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (request.url.startsWith('/scoped') && request.headers.authorization !== 'Bearer ok') throw new UnauthorizedException('request-scoped guard');
    return true;
  }
}

@Controller()
export class GuardedController {
  @Get('main') main() {
    return { route: 'main' };
  }

  @Get('scoped') scoped() {
    return { route: 'scoped' };
  }
}

@Module({ imports: [CORS], controllers: [GuardedController], providers: [{ provide: APP_GUARD, useClass: ScopedAuthGuard }] })
export class GuardsAppModule {}

/** A route-level filter that writes its own response with the adapter's native API. */
@Catch(HttpException)
export class TeapotFilter implements ExceptionFilter {
  catch(_exception: HttpException, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<{ code?: (status: number) => { send(body: unknown): void }; status?: (status: number) => { json(body: unknown): void } }>();
    const body = { filtered: 'route' };
    if (typeof response.code === 'function') response.code(418).send(body);
    else response.status!(418).json(body);
  }
}

/** A global filter (`APP_FILTER`) that answers every unhandled exception itself, with a header of its own. */
@Catch()
export class EverythingFilter implements ExceptionFilter {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { httpAdapter } = this.adapterHost;
    const response = host.switchToHttp().getResponse<unknown>();
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    httpAdapter.setHeader(response, 'X-Filtered', 'global');
    httpAdapter.reply(response, { filtered: 'global', status }, status === 404 ? 410 : 503);
  }
}

@Controller('filtered')
export class FilteredController {
  @Get('route')
  @UseFilters(TeapotFilter)
  route() {
    throw new HttpException('caught by the route filter', 400);
  }

  @Get('global')
  global() {
    throw new Error('caught by the global filter');
  }

  @Get('missing')
  missing() {
    throw new NotFoundException('caught by the global filter');
  }
}

@Module({ imports: [CORS], controllers: [FilteredController], providers: [{ provide: APP_FILTER, useClass: EverythingFilter }] })
export class FiltersAppModule {}
