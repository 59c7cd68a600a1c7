import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module } from '@nestjs/common';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { CorsModule } from '../../../lib/index.js';
import { ADAPTERS, RunningApp, startApp } from '../utils/adapters.js';
import { preflight, send } from '../utils/http.js';
import { expectAllowed, expectRefused } from '../preflight-routing/expect-preflight.js';
import { HELLO, HelloResolver } from './hello-resolver.js';
import { EVIL, WEB, allowedWithCredentials, expectActual, json, postQuery, refused } from './support.js';

/**
 * Apollo 5 through @nestjs/apollo 14: on Express an `app.use('/graphql', ...)` middleware
 * (`@as-integrations/express5`), on Fastify a route for GET, POST and OPTIONS
 * (`@as-integrations/fastify`); neither is a Nest route. The module defaults differ from the
 * `web` policy (no credentials, no max-age), so every answer shows that the path's policy judged it.
 */
@Module({
  imports: [
    CorsModule.forRoot({
      origin: [WEB],
      policies: {
        web: { origin: [WEB], credentials: true, allowedHeaders: ['content-type', 'apollo-require-preflight', 'authorization'], maxAge: 600 },
      },
      paths: { '/graphql': 'web' },
    }),
    // graphiql: false, so GET /graphql is the API whatever NODE_ENV says.
    GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, autoSchemaFile: true, graphiql: false }),
  ],
  providers: [HelloResolver],
})
class ApolloAppModule {}

describe.each(ADAPTERS)('GraphQL with Apollo at a path policy (%s)', (name, create) => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp(create, ApolloAppModule);
  });
  afterAll(async () => {
    await running.close();
  });

  describe('preflights are answered by the library, never by Apollo', () => {
    it('POST with content-type from the allowed origin: 204 with the web policy (credentials, max-age, the header echoed)', async () => {
      expectAllowed(await preflight(running.url, '/graphql', WEB, 'POST', 'content-type'), {
        origin: WEB,
        method: 'POST',
        allowHeaders: 'content-type',
        credentials: true,
        maxAge: 600,
      });
    });

    it('GET with apollo-require-preflight: GET is one of the default methods of a path policy', async () => {
      expectAllowed(await preflight(running.url, '/graphql', WEB, 'GET', 'apollo-require-preflight'), {
        origin: WEB,
        method: 'GET',
        allowHeaders: 'apollo-require-preflight',
        credentials: true,
        maxAge: 600,
      });
    });

    it('the preflight of a GET query carries the query string: the path alone is matched', async () => {
      expectAllowed(await preflight(running.url, '/graphql?query=%7Bhello%7D', WEB, 'GET', 'apollo-require-preflight'), {
        origin: WEB,
        method: 'GET',
        allowHeaders: 'apollo-require-preflight',
        credentials: true,
        maxAge: 600,
      });
    });

    it('a refused origin: 403 without any Access-Control-* header (Apollo does not answer it with its CSRF 400)', async () => {
      expectRefused(await preflight(running.url, '/graphql', EVIL, 'POST', 'content-type'));
    });

    it.each(['PUT', 'DELETE', 'PATCH'])('%s is outside the default methods of a path policy (GET, HEAD, POST): 403', async (method) => {
      expectRefused(await preflight(running.url, '/graphql', WEB, method, 'content-type'));
    });

    it('a header outside the policy allowedHeaders: 403', async () => {
      expectRefused(await preflight(running.url, '/graphql', WEB, 'POST', 'content-type,x-evil'));
    });
  });

  describe('actual requests carry the headers on whatever Apollo answers', () => {
    it('a query from the allowed origin: 200 with the data, ACAO, ACAC and Vary: Origin', async () => {
      const res = await postQuery(running.url, '{ hello }', WEB);
      expectActual(res, allowedWithCredentials(WEB));
      expect(json(res)).toEqual(HELLO);
    });

    it('a GET query with apollo-require-preflight from the allowed origin', async () => {
      const res = await send(running.url, 'GET', '/graphql?query=%7Bhello%7D', { Origin: WEB, 'Apollo-Require-Preflight': 'true' });
      expectActual(res, allowedWithCredentials(WEB));
      expect(json(res)).toEqual(HELLO);
    });

    it("a validation error (a field that does not exist): Apollo's 400 carries them", async () => {
      const res = await postQuery(running.url, '{ nope }', WEB);
      expectActual(res, allowedWithCredentials(WEB, 400));
      expect(json(res)).toMatchObject({ errors: [{ message: 'Cannot query field "nope" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] });
    });

    it('malformed JSON: the body parser rejects it before Apollo runs, and its 400 carries them', async () => {
      const res = await send(running.url, 'POST', '/graphql', { Origin: WEB, 'Content-Type': 'application/json' }, '{"query": ');
      expectActual(res, allowedWithCredentials(WEB, 400));
      // Nest's (Express) or Fastify's JSON parser answered, not Apollo (whose errors are { errors: [...] }).
      expect(json(res)).toMatchObject({ statusCode: 400 });
    });

    it("Apollo's CSRF-prevention 400 (a simple GET) carries them, so the page can read why", async () => {
      const res = await send(running.url, 'GET', '/graphql?query=%7Bhello%7D', { Origin: WEB });
      expectActual(res, allowedWithCredentials(WEB, 400));
      expect(res.body).toContain('Cross-Site Request Forgery');
    });

    it('a refused origin: Apollo still answers (CORS is not access control), no Access-Control-* header, Vary: Origin', async () => {
      const res = await postQuery(running.url, '{ hello }', EVIL);
      expectActual(res, refused());
      expect(json(res)).toEqual(HELLO);
    });

    it('no Origin: not a CORS request, Vary: Origin for caches', async () => {
      const res = await postQuery(running.url, '{ hello }');
      expectActual(res, refused());
      expect(json(res)).toEqual(HELLO);
    });
  });

  if (name === 'express') {
    describe('matched as Express matches (case-insensitive, one trailing slash ignored)', () => {
      it.each(['/GraphQL', '/graphql/'])('%s: Apollo serves it and the policy covers it', async (path) => {
        expectAllowed(await preflight(running.url, path, WEB, 'POST', 'content-type'), {
          origin: WEB,
          method: 'POST',
          allowHeaders: 'content-type',
          credentials: true,
          maxAge: 600,
        });
        const res = await postQuery(running.url, '{ hello }', WEB, path);
        expectActual(res, allowedWithCredentials(WEB));
        expect(json(res)).toEqual(HELLO);
      });

      it('/graphql/x: Apollo serves it too (a prefix mount), but an exact pattern does not cover it: 403', async () => {
        expectRefused(await preflight(running.url, '/graphql/x', WEB, 'POST', 'content-type'));
      });
    });
  } else {
    describe('matched as Fastify matches (case-sensitive, strict trailing slash)', () => {
      it.each(['/GraphQL', '/graphql/'])("%s: neither Apollo nor the policy serves it: 403, and the actual request gets Nest's 404 with the module defaults' answer (readableNotFound)", async (path) => {
        expectRefused(await preflight(running.url, path, WEB, 'POST', 'content-type'));
        expectActual(await postQuery(running.url, '{ hello }', WEB, path), { status: 404, cors: { 'access-control-allow-origin': [WEB] }, vary: ['Origin'] });
      });
    });
  }
});
