import { Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { fileURLToPath } from 'node:url';
import { CorsModule } from 'nestjs-cors';
import { OriginsController } from './admin/origins.controller.js';
import { CatalogController } from './catalog/catalog.controller.js';
import { SampleGraphqlModule } from './graphql/sample-graphql.module.js';
import { HealthController } from './health/health.controller.js';
import { LiveGateway } from './live/live.gateway.js';
import { DecisionLog } from './observability/decision-log.service.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { PartnersController } from './partners/partners.controller.js';
import { TenantDirectory } from './tenants/tenant-directory.service.js';
import { TenantsModule } from './tenants/tenants.module.js';
import { WidgetsController } from './widgets/widgets.controller.js';

/**
 * The files served at /assets. `sample/` (tests) and `sample-dist/` (`npm start`) are both one
 * level below the repository root, so one relative URL finds the sources from either.
 */
export const PUBLIC_ASSETS = fileURLToPath(new URL('../sample/public-assets/', import.meta.url));

@Module({
  imports: [
    TenantsModule,
    ObservabilityModule,
    SampleGraphqlModule,
    // Async only for fresh options per app: serve-static writes its adapter's defaults into the
    // options it is given, so one object shared by an Express and a Fastify app breaks the second.
    // It picks its Express or Fastify loader when its providers are created: build the app with
    // NestFactory.create (main.ts); Test.createTestingModule() creates them before any adapter.
    ServeStaticModule.forRootAsync({ useFactory: () => [{ rootPath: PUBLIC_ASSETS, serveRoot: '/assets' }] }),
    CorsModule.forRootAsync({
      imports: [TenantsModule, ObservabilityModule],
      inject: [TenantDirectory, DecisionLog],
      useFactory: (tenants: TenantDirectory, decisions: DecisionLog) => ({
        // Module defaults: every route without its own @Cors().
        origin: ['https://app.example.com', 'http://localhost:*'],
        allowedHeaders: ['Content-Type', 'X-Request-Id'],
        exposedHeaders: ['X-Request-Id'],
        maxAge: 600,
        policies: {
          partners: { origin: ['https://partner.example.org'], allowedHeaders: ['Content-Type', 'X-Partner-Key'] },
          // Decided per request by an injected service.
          tenants: { origin: (origin: string) => tenants.isTenantOrigin(origin), credentials: true },
          // The web app's pages, with cookies: the GraphQL endpoint and the socket.io gateway below.
          web: { origin: ['https://app.example.com', 'http://localhost:*'], credentials: true },
        },
        // Endpoints that are not controller routes: Apollo's /graphql and the files of ServeStaticModule.
        paths: {
          '/graphql': 'web',
          '/assets/*': { origin: '*' },
        },
        // WebSocket gateways without their own @Cors() (LiveGateway): the web app's pages.
        websockets: { policy: 'web' },
        // Every decision, kept for GET /admin/cors/decisions and the playground's "why" column;
        // the origins each policy sees, for GET /admin/cors/origin-report.
        onDecision: (event) => decisions.record(event),
        originReport: true,
      }),
    }),
  ],
  controllers: [CatalogController, PartnersController, WidgetsController, HealthController, OriginsController],
  providers: [LiveGateway],
})
export class AppModule {}
