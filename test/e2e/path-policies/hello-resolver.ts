import { Query, Resolver } from '@nestjs/graphql';

/** The one query of the GraphQL scenarios (Apollo and Mercurius, code-first). */
@Resolver()
export class HelloResolver {
  @Query(() => String)
  hello(): string {
    return 'world';
  }
}

/** What `{ hello }` answers. */
export const HELLO = { data: { hello: 'world' } };
