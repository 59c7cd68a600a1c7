import { CanActivate, Controller, ExecutionContext, Get, Injectable, Module, Put, UnauthorizedException } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Cors, CorsModule } from '../../../lib/index.js';
import { A, B } from './origins.js';

/** The app's own auth: every request needs an Authorization header, or 401. */
@Injectable()
export class AuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>();
    if (!request.headers.authorization) throw new UnauthorizedException('missing token');
    return true;
  }
}

@Controller('secure')
export class SecureController {
  @Get('data')
  get() {
    return { route: 'secure.get' };
  }

  @Put('data')
  @Cors({ origin: B })
  put() {
    return { route: 'secure.put' };
  }
}

@Module({
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
  imports: [CorsModule.forRoot({ origin: A, credentials: true })],
  controllers: [SecureController],
})
export class AuthAppModule {}

/** main.ts-style middleware: 401 for every request without Authorization. */
export function requireAuthorization(
  req: { headers: Record<string, string | undefined> },
  res: { statusCode: number; setHeader(name: string, value: string): void; end(body: string): void },
  next: () => void,
): void {
  if (req.headers.authorization) return next();
  res.statusCode = 401;
  res.setHeader('Content-Type', 'text/plain');
  res.end('middleware: no token');
}
