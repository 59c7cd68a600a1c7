/**
 * A CommonJS app's own e2e test of `nestjs-cors`, run by Jest in its default CommonJS mode
 * (ts-jest, no ESM flags), the way `nest new` sets projects up. Copied to src/cors.spec.ts of
 * apps/jest-cjs-nest11 (named so that the repo's own Jest run does not pick it up).
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, INestApplication } from '@nestjs/common';
import { AbstractHttpAdapter } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { Cors, CorsModule } from 'nestjs-cors';

const APP = 'https://app.example.com';
const EVIL = 'https://evil.example';

@Controller('items')
class ItemsController {
  @Get()
  list() {
    return [];
  }

  @Cors(false)
  @Get('internal')
  internal() {
    return [];
  }
}

describe.each<[string, () => AbstractHttpAdapter]>([
  ['express', () => new ExpressAdapter()],
  ['fastify', () => new FastifyAdapter()],
])('nestjs-cors in a CommonJS Jest test (%s)', (_name, createAdapter) => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [CorsModule.forRoot({ origin: [APP], credentials: true })],
      controllers: [ItemsController],
    }).compile();
    app = moduleRef.createNestApplication(createAdapter(), { logger: false });
    await app.init();
    const adapter = app.getHttpAdapter();
    if (adapter.getType() === 'fastify') await (adapter.getInstance() as { ready(): Promise<void> }).ready();
  });

  afterAll(() => app.close());

  it('was loaded from the CommonJS build', () => {
    expect(require.resolve('nestjs-cors')).toMatch(/[\\/]nestjs-cors[\\/]dist[\\/]cjs[\\/]index\.js$/);
  });

  it('answers an allowed preflight', async () => {
    const res = await request(app.getHttpServer()).options('/items').set('Origin', APP).set('Access-Control-Request-Method', 'GET');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(APP);
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers['access-control-allow-methods']).toBe('GET');
  });

  it('refuses a preflight from another origin with 403 and no CORS headers', async () => {
    const res = await request(app.getHttpServer()).options('/items').set('Origin', EVIL).set('Access-Control-Request-Method', 'GET');
    expect(res.status).toBe(403);
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('allows an actual request from the allowed origin only', async () => {
    const allowed = await request(app.getHttpServer()).get('/items').set('Origin', APP);
    expect(allowed.status).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe(APP);
    expect(allowed.headers['vary']).toMatch(/Origin/);
    const refused = await request(app.getHttpServer()).get('/items').set('Origin', EVIL);
    expect(refused.status).toBe(200);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends nothing on a @Cors(false) route', async () => {
    const res = await request(app.getHttpServer()).get('/items/internal').set('Origin', APP);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['vary']).toBeUndefined();
  });
});
