import { Module } from '@nestjs/common';
import { CorsModule } from 'nestjs-cors';
import { OriginsController } from './admin/origins.controller.js';
import { CatalogController } from './catalog/catalog.controller.js';
import { HealthController } from './health/health.controller.js';
import { LiveGateway } from './live/live.gateway.js';
import { PartnersController } from './partners/partners.controller.js';
import { TenantDirectory } from './tenants/tenant-directory.service.js';
import { TenantsModule } from './tenants/tenants.module.js';
import { WidgetsController } from './widgets/widgets.controller.js';

@Module({
  imports: [
    TenantsModule,
    CorsModule.forRootAsync({
      imports: [TenantsModule],
      inject: [TenantDirectory],
      useFactory: (tenants: TenantDirectory) => ({
        // Module defaults: every route without its own @Cors().
        origin: ['https://app.example.com', 'http://localhost:*'],
        allowedHeaders: ['Content-Type', 'X-Request-Id'],
        exposedHeaders: ['X-Request-Id'],
        maxAge: 600,
        policies: {
          partners: { origin: ['https://partner.example.org'], allowedHeaders: ['Content-Type', 'X-Partner-Key'] },
          // Decided per request by an injected service.
          tenants: { origin: (origin: string) => tenants.isTenantOrigin(origin), credentials: true },
          // WebSocket gateways without their own @Cors() (websockets.policy below).
          live: { origin: ['https://app.example.com', 'http://localhost:*'], credentials: true },
        },
        websockets: { policy: 'live' },
      }),
    }),
  ],
  controllers: [CatalogController, PartnersController, WidgetsController, HealthController, OriginsController],
  providers: [LiveGateway],
})
export class AppModule {}
