import { describe, it } from '@jest/globals';
import { CorsModule, CorsModuleOptions } from '../../../lib/index.js';
import { ADAPTERS } from '../utils/adapters.js';
import { PlainController } from './controllers.js';
import { expectProblems, expectStarts, problem, startupError } from './startup.js';

const MODULE = 'CorsModule options';
const APP = 'https://app.example.com';

/** Module options as a JavaScript caller could pass them. */
const forRoot = (options: Record<string, unknown>) => CorsModule.forRoot(options as CorsModuleOptions);

describe.each(ADAPTERS)('startup validation: paths (%s)', (name, create) => {
  it('lists every problem of every entry in one error, each at its entry', async () => {
    const error = await startupError(create, {
      imports: [
        forRoot({
          origin: APP,
          policies: { web: { origin: [APP], credentials: true } },
          paths: {
            graphql: 'web',
            '/a/*/b': true,
            '/items/:id': true,
            '/docs': 'wbe',
            '/assets/*': { origin: '*', credentials: true },
            '/hooks': { origins: [APP] },
            '/x': 42,
          },
        }),
      ],
      controllers: [PlainController],
    });
    expectProblems(error, [
      problem("paths['graphql']", 'invalid-path-pattern', 'paths', 'graphql', ['did you mean "/graphql"?']),
      problem("paths['/a/*/b']", 'invalid-path-pattern', 'paths', '/a/*/b', ['may only end a pattern']),
      problem("paths['/items/:id']", 'invalid-path-pattern', 'paths', '/items/:id', ['take no parameters', 'put @Cors() on its controller']),
      problem("paths['/docs']", 'unknown-policy', 'paths', 'wbe', ['did you mean "web"?']),
      problem("paths['/assets/*']", 'wildcard-with-credentials', 'origin', '*', [], '/assets/*'),
      problem("paths['/hooks']", 'unknown-option', 'origins', [APP], ['did you mean "origin"?']),
      problem("paths['/x']", 'invalid-type', 'paths', 42, ['a policy name, an options object, true']),
    ]);
  });

  it('refuses patterns the adapter cannot tell apart, naming both (Express: case-insensitive, trailing slash ignored)', async () => {
    const metadata = {
      imports: [forRoot({ origin: APP, paths: { '/graphql': true, '/GraphQL': false, '/docs/': true, '/docs': true } })],
      controllers: [PlainController],
    };
    if (name === 'fastify') return expectStarts(create, metadata);
    expectProblems(await startupError(create, metadata), [
      problem("paths['/GraphQL']", 'ambiguous-path', 'paths', '/GraphQL', ['"/GraphQL" and "/graphql" as the same path', 'case-insensitive']),
      problem("paths['/docs']", 'ambiguous-path', 'paths', '/docs', ['"/docs" and "/docs/" as the same path']),
    ]);
  });

  it('refuses a paths option that is not an object', async () => {
    const error = await startupError(create, { imports: [forRoot({ origin: APP, paths: ['/graphql'] })], controllers: [PlainController] });
    expectProblems(error, [problem(MODULE, 'invalid-type', 'paths', ['/graphql'], ["e.g. { '/graphql': 'web' }"])]);
  });
});

describe.each(ADAPTERS)('startup validation: paths that start (%s)', (_name, create) => {
  it.each<[string, Record<string, unknown>]>([
    ['every value form', { origin: APP, policies: { web: { origin: [APP] } }, paths: { '/graphql': 'web', '/assets/*': { origin: '*' }, '/docs': true, '/off': false, '/*': true } }],
    ['an exact path beside a wildcard over it', { origin: APP, paths: { '/assets': false, '/assets/*': true } }],
  ])('starts: %s', async (_title, options) => {
    await expectStarts(create, { imports: [forRoot(options)], controllers: [PlainController] });
  });
});
