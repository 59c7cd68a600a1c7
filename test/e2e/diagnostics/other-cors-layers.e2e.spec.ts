import { afterEach, describe, expect, it } from '@jest/globals';
import { Controller, Get, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import cors from 'cors';
import { CorsModule } from '../../../lib/index.js';
import { withDeadline } from '../../../sample/shutdown/close-server.js';
import { ADAPTERS, RecordingLogger } from '../utils/adapters.js';

const APP = 'https://app.example.com';

@Controller('items')
class ItemsController {
  @Get()
  list() {
    return [];
  }
}

@Module({ imports: [CorsModule.forRoot({ origin: [APP] })], controllers: [ItemsController] })
class AppModule {}

/**
 * Another CORS layer next to CorsModule is warned about once, naming it and the paths it
 * covers, with the app built the way main.ts builds it (`NestFactory.create`), where Fastify
 * loads the plugin of `enableCors()` only when it starts listening.
 */
describe.each(ADAPTERS)('other CORS layers, with NestFactory.create (%s)', (name, create) => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await withDeadline('closing the app', app?.close() ?? Promise.resolve());
    app = undefined;
  });

  async function listen(options: { cors?: boolean }, setup?: (app: INestApplication) => void): Promise<RecordingLogger> {
    const logger = new RecordingLogger();
    app = await NestFactory.create(AppModule, create(), { logger, forceCloseConnections: true, ...options });
    setup?.(app);
    await app.listen(0, '127.0.0.1');
    return logger;
  }

  const layer = name === 'express' ? 'the cors middleware' : '@fastify/cors';

  it('NestFactory.create(..., { cors: true }): warned once, on every path', async () => {
    const logger = await listen({ cors: true });
    const warnings = logger.cors('warn').filter((line) => line.includes('Another CORS layer is active'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`${layer} (`);
    expect(warnings[0]).toContain('on every path');
  });

  it('app.enableCors() after create: warned once', async () => {
    const logger = await listen({}, (created) => created.enableCors());
    const warnings = logger.cors('warn').filter((line) => line.includes('Another CORS layer is active'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(layer);
  });

  it('no other layer: no warning', async () => {
    const logger = await listen({});
    expect(logger.cors('warn')).toEqual([]);
  });

  if (name === 'express') {
    it('a cors middleware mounted at a path names the path', async () => {
      const logger = await listen({}, (created) => created.use('/graphql', cors()));
      const warnings = logger.cors('warn').filter((line) => line.includes('Another CORS layer is active'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('the cors middleware (app.enableCors(), NestFactory.create({ cors }) or app.use(cors())) under /graphql');
    });
  }
});
