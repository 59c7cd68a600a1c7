import { describe, expect, it } from '@jest/globals';
import { CorsModule, CorsModuleOptions } from '../../../lib/index.js';
import { ADAPTERS } from '../utils/adapters.js';
import { PlainController } from './controllers.js';
import { expectProblems, expectStarts, problem, startupError } from './startup.js';

const MODULE = 'CorsModule options';
const APP = 'https://app.example.com';
const CHROME = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const FIREFOX = 'moz-extension://2ab33852-d69b-4ed6-99ad-a4839dfec7ed';

/** Module options as a JavaScript caller could pass them. */
const forRoot = (options: Record<string, unknown>) => CorsModule.forRoot(options as CorsModuleOptions);

describe.each(ADAPTERS)('startup validation: origin and method edge cases (%s)', (_name, create) => {
  it.each<[string, string, string]>([
    ['https://foo:0', 'origin', "port 0 is never a page's port"],
    ['http://127.0.0.1:0', 'origin', "port 0 is never a page's port"],
    ['http://example..com:3999', 'origin', 'an empty label ("..", or a leading dot) is not a host name'],
  ])('%s is refused with the reason, and no suggestion of itself', async (value, field, reason) => {
    const error = await startupError(create, { imports: [forRoot({ origin: value })], controllers: [PlainController] });
    expectProblems(error, [problem(MODULE, 'non-canonical-origin', field, value, [reason])]);
    expect(error.problems[0]!.message).not.toContain('did you mean');
  });

  it('extension origins: patterns, RegExps and malformed forms are refused, each with its reason', async () => {
    const regexp = /^chrome-extension:\/\/[a-p]{32}$/;
    const error = await startupError(create, {
      imports: [forRoot({ origin: ['chrome-extension://*', regexp, CHROME.toUpperCase(), `${FIREFOX}/`, 'null'] })],
      controllers: [PlainController],
    });
    expectProblems(error, [
      problem(MODULE, 'unsupported-pattern', 'origin[0]', 'chrome-extension://*', ['never by pattern', 'list the exact origin of your extension']),
      problem(MODULE, 'unsupported-pattern', 'origin[1]', regexp, ['never by pattern']),
      problem(MODULE, 'non-canonical-origin', 'origin[2]', CHROME.toUpperCase(), [`did you mean "${CHROME}"? (use lowercase)`]),
      problem(MODULE, 'non-canonical-origin', 'origin[3]', `${FIREFOX}/`, [`did you mean "${FIREFOX}"? (remove the trailing slash)`]),
      problem(MODULE, 'null-origin', 'origin[4]', 'null', ['identifies no site']),
    ]);
  });

  it("methods: ['*'] is refused (wildcard-in-list), and so are 'Put'-style standard methods", async () => {
    const error = await startupError(create, { imports: [forRoot({ origin: APP, methods: ['*', 'Put', 'get'] })], controllers: [PlainController] });
    expectProblems(error, [
      problem(MODULE, 'wildcard-in-list', 'methods[0]', '*', ['omit methods to allow the method of each route']),
      problem(MODULE, 'lowercase-method', 'methods[1]', 'Put', ['browsers send "PUT"', 'use "PUT"']),
      problem(MODULE, 'lowercase-method', 'methods[2]', 'get', ['browsers send "GET"']),
    ]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['extension origins with credentials', { origin: [CHROME, FIREFOX, 'safari-web-extension://2ab33852-d69b-4ed6-99ad-a4839dfec7ed'], credentials: true }],
    ['a trailing-dot origin, exactly', { origin: 'http://example.com.:3999' }],
    ['methods: []', { origin: APP, methods: [] }],
    ['lowercase custom methods', { origin: APP, methods: ['purge', 'PURGE', 'propfind'] }],
  ])('starts: %s', async (_title, options) => {
    await expectStarts(create, { imports: [forRoot(options)], controllers: [PlainController] });
  });
});
