import type { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { AbstractHttpAdapter, NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';

/**
 * The sample app on the given adapter, as `npm start` builds it (tests pass a logger and
 * `abortOnError: false`). With `NestFactory.create`, not a testing module: ServeStaticModule
 * picks its Express or Fastify loader when its providers are created, and
 * `Test.createTestingModule().compile()` creates them before any adapter exists (it then
 * serves nothing).
 */
export function createSampleApp(adapter: AbstractHttpAdapter, options: NestApplicationOptions = {}): Promise<INestApplication> {
  // forceCloseConnections: app.close() drops open connections instead of waiting for them.
  return NestFactory.create(AppModule, adapter, { forceCloseConnections: true, ...options });
}
