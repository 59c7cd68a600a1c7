import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { GraphqlContext } from './widgets.resolver.js';
import { WidgetsResolver } from './widgets.resolver.js';

/**
 * The context of each operation, on either adapter: Apollo's Express integration passes
 * `{ req, res }`, its Fastify integration `(request, reply)`.
 */
function context(first: { req?: unknown; res?: unknown }, reply?: unknown): GraphqlContext {
  return ('req' in first && first.req !== undefined ? { req: first.req, res: first.res } : { req: first, res: reply }) as GraphqlContext;
}

/**
 * Apollo at `/graphql`, code first; the schema is built in memory at startup (no file written).
 * No `cors` option here: CorsModule's `paths` entry for `/graphql` is the one CORS layer.
 */
@Module({
  imports: [
    GraphQLModule.forRoot<ApolloDriverConfig>({
      driver: ApolloDriver,
      path: '/graphql',
      autoSchemaFile: true,
      sortSchema: true,
      context,
    }),
  ],
  providers: [WidgetsResolver],
})
export class SampleGraphqlModule {}
