import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';

/** A stand-in for real auth: preflights never reach it, so they never get its 401. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>();
    if (request.headers.authorization !== 'Bearer sample-admin') throw new UnauthorizedException('admin token required');
    return true;
  }
}
