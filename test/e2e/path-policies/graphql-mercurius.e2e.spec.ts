import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, MercuriusDriverConfig } from '@nestjs/mercurius';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { CorsModule } from '../../../lib/index.js';
import { RunningApp, startApp } from '../utils/adapters.js';
import { preflight, send } from '../utils/http.js';
import { expectAllowed, expectRefused } from '../preflight-routing/expect-preflight.js';
import { HELLO, HelloResolver } from './hello-resolver.js';
import { EVIL, WEB, allowedWithCredentials, expectActual, json, postQuery, refused } from './support.js';

/**
 * Mercurius 16 through @nestjs/mercurius 14 (Fastify only): a plugin that registers GET, HEAD and
 * POST routes at /graphql and no OPTIONS route, so without the library a preflight is Fastify's 404.
 */
@Module({
  imports: [
    CorsModule.forRoot({
      origin: [WEB],
      policies: { web: { origin: [WEB], credentials: true, allowedHeaders: ['content-type', 'authorization'], maxAge: 600 } },
      paths: { '/graphql': 'web' },
    }),
    GraphQLModule.forRoot<MercuriusDriverConfig>({ driver: MercuriusDriver, autoSchemaFile: true, graphiql: false }),
  ],
  providers: [HelloResolver],
})
class MercuriusAppModule {}

describe('GraphQL with Mercurius at a path policy (fastify)', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp(() => new FastifyAdapter(), MercuriusAppModule);
  });
  afterAll(async () => {
    await running.close();
  });

  describe('preflights are answered by the library (Mercurius has no OPTIONS route)', () => {
    it('POST with content-type and authorization from the allowed origin: 204 with the web policy', async () => {
      expectAllowed(await preflight(running.url, '/graphql', WEB, 'POST', 'authorization,content-type'), {
        origin: WEB,
        method: 'POST',
        allowHeaders: 'authorization, content-type',
        credentials: true,
        maxAge: 600,
      });
    });

    it('a refused origin: 403 without any Access-Control-* header, not Fastify 404', async () => {
      expectRefused(await preflight(running.url, '/graphql', EVIL, 'POST', 'content-type'));
    });

    it('PUT, outside the default methods of a path policy: 403', async () => {
      expectRefused(await preflight(running.url, '/graphql', WEB, 'PUT', 'content-type'));
    });

    it('a header outside the policy allowedHeaders: 403', async () => {
      expectRefused(await preflight(running.url, '/graphql', WEB, 'POST', 'content-type,x-evil'));
    });
  });

  describe('actual requests', () => {
    it('a query from the allowed origin: 200 with the data, ACAO, ACAC and Vary: Origin', async () => {
      const res = await postQuery(running.url, '{ hello }', WEB);
      expectActual(res, allowedWithCredentials(WEB));
      expect(json(res)).toEqual(HELLO);
    });

    it('a GET query (Mercurius needs no CSRF header by default)', async () => {
      const res = await send(running.url, 'GET', '/graphql?query=%7Bhello%7D', { Origin: WEB });
      expectActual(res, allowedWithCredentials(WEB));
      expect(json(res)).toEqual(HELLO);
    });

    it("a validation error: Mercurius's 400 carries the headers", async () => {
      const res = await postQuery(running.url, '{ nope }', WEB);
      expectActual(res, allowedWithCredentials(WEB, 400));
      expect(json(res)).toEqual({ data: null, errors: [{ message: 'Cannot query field "nope" on type "Query".', locations: [{ line: 1, column: 3 }] }] });
    });

    it('a refused origin: Mercurius still answers, no Access-Control-* header, Vary: Origin', async () => {
      const res = await postQuery(running.url, '{ hello }', EVIL);
      expectActual(res, refused());
      expect(json(res)).toEqual(HELLO);
    });

    it('no Origin: Vary: Origin', async () => {
      expectActual(await postQuery(running.url, '{ hello }'), refused());
    });
  });
});
