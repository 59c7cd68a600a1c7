import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Controller, Header, HttpCode, Module, Post, Type } from '@nestjs/common';
import { Context, Field, GraphQLModule, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { ServeStaticModule } from '@nestjs/serve-static';
import { fileURLToPath } from 'node:url';
import { Cors, CorsModule } from '../../lib/index.js';

/** The files ServeStaticModule serves at /assets. */
export const ASSETS_DIR = fileURLToPath(new URL('./fixtures/assets/', import.meta.url));

/** The cookie the session route sets, as the browser sends it back. */
export const SESSION_COOKIE = 'sid=browser-session';

@ObjectType()
class Item {
  @Field(() => String)
  sku!: string;
}

/** Apollo's resolver: `me` is the session cookie the browser sent to /graphql, or null. */
@Resolver(() => Item)
class ShopResolver {
  @Query(() => [Item])
  items(): Item[] {
    return [{ sku: 'lamp-1' }, { sku: 'desk-2' }];
  }

  @Query(() => String, { nullable: true })
  me(@Context() context: { req: { headers: Record<string, string | string[] | undefined> } }): string | null {
    const cookie = context.req.headers.cookie;
    return typeof cookie === 'string' ? cookie : null;
  }
}

/** A controller route on the same named policy as /graphql: it sets the session cookie. */
@Cors('web')
@Controller('session')
class SessionController {
  @Post()
  @HttpCode(200)
  @Header('Set-Cookie', `${SESSION_COOKIE}; Path=/; HttpOnly`)
  signIn() {
    return { signedIn: true };
  }
}

/**
 * Apollo at /graphql (code first, schema in memory) and ServeStaticModule at /assets, configured
 * through `paths` as docs/graphql-static-swagger.md says: GraphQL under the credentialed named policy "web" (only
 * `webOrigin`), the files with `origin: '*'`. A new module class per app: serve-static writes its
 * adapter's defaults into the options it is given, so options shared by two apps break the second.
 * Build it with `NestFactory.create`: in a testing module serve-static gets its no-op loader.
 */
export function pathPoliciesAppModule(webOrigin: string): Type {
  @Module({
    imports: [
      GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, autoSchemaFile: true }),
      ServeStaticModule.forRoot({ rootPath: ASSETS_DIR, serveRoot: '/assets' }),
      CorsModule.forRoot({
        origin: [webOrigin],
        policies: { web: { origin: [webOrigin], credentials: true } },
        paths: { '/graphql': 'web', '/assets/*': { origin: '*' } },
      }),
    ],
    controllers: [SessionController],
    providers: [ShopResolver],
  })
  class PathPoliciesAppModule {}
  return PathPoliciesAppModule;
}
