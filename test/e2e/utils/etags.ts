import fastifyEtag from '@fastify/etag';
import { INestApplication } from '@nestjs/common';

/**
 * A `Setup` that makes both adapters send `ETag`s and answer `If-None-Match` with 304:
 * Express does so by default (`res.send`); on Fastify it registers `@fastify/etag`, as a
 * Fastify app that wants them does.
 */
export async function withEtags(app: INestApplication): Promise<void> {
  if (app.getHttpAdapter().getType() !== 'fastify') return;
  await (app as unknown as { register(plugin: unknown): Promise<unknown> }).register(fastifyEtag);
}
