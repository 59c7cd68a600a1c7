import { Field, ID, ObjectType } from '@nestjs/graphql';

/** A widget as the GraphQL API shows it. */
@ObjectType()
export class Widget {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;
}
