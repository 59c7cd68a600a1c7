import { BadRequestException } from '@nestjs/common';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { readSessionCookie, sessionCookie, SIGN_IN_NAME } from './session-cookie.js';
import { Widget } from './widget.model.js';

/** What each GraphQL operation sees: the request, and the response to set a cookie on. */
export interface GraphqlContext {
  req: { headers: Record<string, string | string[] | undefined> };
  /** Express's `res` or Fastify's `reply`: both have `header(name, value)`. */
  res: { header(name: string, value: string): unknown };
}

/**
 * The sample's GraphQL API, served by Apollo at `/graphql`: not a controller route, so its
 * CORS policy comes from the `paths` option (`'/graphql': 'web'`, credentials allowed).
 */
@Resolver(() => Widget)
export class WidgetsResolver {
  private readonly list: Widget[] = [
    { id: '1', name: 'clock' },
    { id: '2', name: 'weather' },
  ];

  @Query(() => [Widget])
  widgets(): Widget[] {
    return this.list;
  }

  /** Who the session cookie says is signed in: null when the browser sent no cookie. */
  @Query(() => String, { nullable: true })
  me(@Context() context: GraphqlContext): string | null {
    const cookie = context.req.headers.cookie;
    return readSessionCookie(typeof cookie === 'string' ? cookie : undefined);
  }

  /** Sets the session cookie: a credentialed request from the page stores it, later ones send it. */
  @Mutation(() => String)
  signIn(@Args('name', { type: () => String }) name: string, @Context() context: GraphqlContext): string {
    if (!SIGN_IN_NAME.test(name)) throw new BadRequestException('name: 1 to 32 letters, digits, _ or -');
    context.res.header('Set-Cookie', sessionCookie(name));
    return name;
  }
}
