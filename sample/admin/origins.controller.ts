import { Body, Controller, Delete, Get, Post, Query, UseGuards } from '@nestjs/common';
import { Cors, CorsPolicyService } from 'nestjs-cors';
import { DecisionLog } from '../observability/decision-log.service.js';
import { AdminTokenGuard } from './admin-token.guard.js';

/**
 * Runtime origins: allow or revoke an origin without a restart, list every route's policy, the
 * last decisions (`?refused=true` for refusals only) and the origins each policy saw.
 */
@Cors({ origin: 'https://admin.example.com', credentials: true, allowedHeaders: ['Authorization', 'Content-Type'] })
@UseGuards(AdminTokenGuard)
@Controller('admin/cors')
export class OriginsController {
  constructor(
    private readonly cors: CorsPolicyService,
    private readonly decisions: DecisionLog,
  ) {}

  @Post('origins')
  async allow(@Body() body: { origin: string; policy?: string }) {
    await this.cors.allowOrigin(body.origin, body.policy);
    return { allowed: body.origin, runtimeOrigins: this.cors.getRuntimeOrigins(body.policy) };
  }

  @Delete('origins')
  async revoke(@Body() body: { origin: string; policy?: string }) {
    return { revoked: await this.cors.revokeOrigin(body.origin, body.policy) };
  }

  @Get('routes')
  routes() {
    return this.cors.getRoutes();
  }

  @Get('decisions')
  recentDecisions(@Query('refused') refused?: string) {
    return this.decisions.list(refused === 'true');
  }

  @Get('origin-report')
  originReport() {
    return this.cors.getOriginReport();
  }
}
