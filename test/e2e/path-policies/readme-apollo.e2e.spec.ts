import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule, Query, Resolver } from '@nestjs/graphql';
import { CorsModule } from '../../../lib/index.js';
import { ADAPTERS, RunningApp } from '../utils/adapters.js';
import { corsHeaders, preflight } from '../utils/http.js';
import { allowedWithCredentials, expectActual, json, postQuery, startFactoryApp } from './support.js';

// The "GraphQL with Apollo" module of docs/graphql-static-swagger.md, as written there (keep the
// two in step; test/docs/check-snippets.mjs type-checks the page's copy).
@Resolver()
class HelloResolver {
  @Query(() => String)
  hello(): string {
    return 'world';
  }
}

@Module({
  imports: [
    GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, autoSchemaFile: true }),
    CorsModule.forRoot({
      policies: { web: { origin: ['https://app.example.com'], credentials: true } },
      paths: { '/graphql': 'web' },
    }),
  ],
  providers: [HelloResolver],
})
class AppModule {}

describe.each(ADAPTERS)("the docs' Apollo section, copied into an app built by NestFactory.create (%s)", (_name, adapter) => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startFactoryApp(adapter, AppModule);
  });
  afterAll(() => running.close());

  it("answers the page's preflight (POST, content-type, credentials)", async () => {
    const res = await preflight(running.url, '/graphql', 'https://app.example.com', 'POST', 'content-type');
    expect(res.status).toBe(204);
    expect(corsHeaders(res)).toEqual({
      'access-control-allow-origin': ['https://app.example.com'],
      'access-control-allow-methods': ['POST'],
      'access-control-allow-headers': ['content-type'],
      'access-control-allow-credentials': ['true'],
    });
  });

  it('lets the page read the answer to { hello }', async () => {
    const res = await postQuery(running.url, '{ hello }', 'https://app.example.com');
    expectActual(res, allowedWithCredentials('https://app.example.com'));
    expect(json(res)).toEqual({ data: { hello: 'world' } });
  });

  it('refuses a page on another origin', async () => {
    expect((await preflight(running.url, '/graphql', 'https://evil.example.net', 'POST', 'content-type')).status).toBe(403);
  });
});
