/**
 * The app every packaging test installs `nestjs-cors` into (copied to src/main.ts of each app in
 * apps/), built with the app's own tsc as ESM or CommonJS. It imports the package by name only.
 */
import 'reflect-metadata';
import { Controller, Delete, Get, Header, Module } from '@nestjs/common';
import { AbstractHttpAdapter, NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Cors, CorsConfigurationError, CorsModule, CorsPolicyService } from 'nestjs-cors';

@Controller('items')
class ItemsController {
  @Get(':id')
  @Header('X-Request-Id', 'r-1')
  get() {
    return { id: 1 };
  }

  @Cors({ origin: 'https://admin.example.com' })
  @Delete(':id')
  remove() {
    return { deleted: true };
  }
}

@Cors(false)
@Controller('health')
class HealthController {
  @Get()
  check() {
    return { ok: true };
  }
}

@Module({
  imports: [
    CorsModule.forRoot({
      origin: ['https://app.example.com', 'https://*.tenants.example.com'],
      credentials: true,
      exposedHeaders: ['X-Request-Id'],
      maxAge: 600,
      debug: true,
    }),
  ],
  controllers: [ItemsController, HealthController],
})
class AppModule {}

/** A configuration the module must refuse at startup (CORS_BAD_CONFIG=1). */
@Module({ imports: [CorsModule.forRoot({ origin: 'https://app.example.com/' })], controllers: [HealthController] })
class BadConfigModule {}

async function main(): Promise<void> {
  const adapter: AbstractHttpAdapter = process.env.ADAPTER === 'fastify' ? new FastifyAdapter() : new ExpressAdapter();
  if (process.env.CORS_BAD_CONFIG === '1') {
    try {
      const bad = await NestFactory.create(BadConfigModule, adapter, { logger: false });
      await bad.init();
      console.log(JSON.stringify({ refused: false }));
    } catch (error) {
      const problems = error instanceof CorsConfigurationError ? error.problems.map((p) => p.code) : [];
      console.log(JSON.stringify({ refused: error instanceof CorsConfigurationError, problems }));
    }
    return;
  }
  // forceCloseConnections: SIGTERM closes at once, not after the test's keep-alive connections time out.
  const app = await NestFactory.create(AppModule, adapter, { logger: ['error', 'warn', 'log'], forceCloseConnections: true });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const routes = app.get(CorsPolicyService).getRoutes().length;
  console.log(JSON.stringify({ listening: port, routes }));
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main();
