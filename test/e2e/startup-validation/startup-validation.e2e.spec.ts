import { describe, expect, it } from '@jest/globals';
import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CorsConfigurationError, CorsModule, CorsModuleOptions, CorsOptionsFactory } from '../../../lib/index.js';
import { ADAPTERS, startApp } from '../utils/adapters.js';
import { corsHeaders, preflight } from '../utils/http.js';
import {
  ControllerWildcardController,
  CorsHeaderDecoratorController,
  DecoratorFieldsController,
  HandlerWildcardController,
  InheritedCredentialsController,
  MultiController,
  PlainController,
  RepeatedMistakeController,
  TypoPolicyController,
  ValidController,
} from './controllers.js';
import { ExpectedProblem, expectProblems, expectStarts, problem, startupError } from './startup.js';

const MODULE = 'CorsModule options';
const APP = 'https://app.example.com';

/** Module options as a JavaScript caller could pass them, typos and wrong types included. */
const forRoot = (options: Record<string, unknown>) => CorsModule.forRoot(options as CorsModuleOptions);

/** One refused module-level configuration and the exact problems it must produce. */
type Case = [title: string, options: Record<string, unknown>, expected: ExpectedProblem[]];

const at = (code: ExpectedProblem['code'], field: string, value: unknown, hints: string[]) =>
  problem(MODULE, code, field, value, hints);

const REFUSED_MODULE_OPTIONS: Case[] = [
  [
    "a named policy called 'default' (the name of the module defaults) and one called ''",
    { origin: APP, policies: { default: { origin: [APP] }, '': { origin: [APP] } } },
    [
      at('reserved-policy-name', 'policies."default"', 'default', ['"default" names the module defaults (CORS_DEFAULT_POLICY)', 'rename this policy']),
      at('reserved-policy-name', 'policies.""', '', ['a policy needs a name', 'rename this policy']),
    ],
  ],
  [
    "origin '*' with credentials",
    { origin: '*', credentials: true },
    [at('wildcard-with-credentials', 'origin', '*', ['list the origins, or drop credentials'])],
  ],
  [
    "exposedHeaders '*' with credentials",
    { origin: APP, credentials: true, exposedHeaders: '*' },
    [at('wildcard-exposed-headers-with-credentials', 'exposedHeaders', '*', ['list the headers'])],
  ],
  ["the 'null' origin", { origin: 'null' }, [at('null-origin', 'origin', 'null', ['sandboxed iframes', 'remove it'])]],
  [
    "the 'null' origin in a list",
    { origin: [APP, 'null'] },
    [at('null-origin', 'origin[1]', 'null', ['identifies no site'])],
  ],
  [
    'an origin with a trailing slash',
    { origin: 'https://app.example.com/' },
    [at('non-canonical-origin', 'origin', 'https://app.example.com/', ['remove the trailing slash', '"https://app.example.com"'])],
  ],
  [
    'an origin in uppercase',
    { origin: 'https://App.Example.com' },
    [at('non-canonical-origin', 'origin', 'https://App.Example.com', ['use lowercase', '"https://app.example.com"'])],
  ],
  [
    'an origin with its default port',
    { origin: 'https://app.example.com:443' },
    [at('non-canonical-origin', 'origin', 'https://app.example.com:443', ['remove the default port :443', '"https://app.example.com"'])],
  ],
  [
    'an origin with a path',
    { origin: 'https://app.example.com/login' },
    [at('non-canonical-origin', 'origin', 'https://app.example.com/login', ['remove the path', '"https://app.example.com"'])],
  ],
  [
    'an origin with userinfo',
    { origin: 'https://user:secret@app.example.com' },
    [at('non-canonical-origin', 'origin', 'https://user:secret@app.example.com', ['remove the userinfo', '"https://app.example.com"'])],
  ],
  [
    'an origin without a scheme',
    { origin: 'app.example.com' },
    [at('non-canonical-origin', 'origin', 'app.example.com', ['needs a scheme', '"https://app.example.com"'])],
  ],
  [
    'an origin with a port but without a scheme',
    { origin: 'localhost:3000' },
    // The user meant http://localhost:3000 (or https://): the message must say so.
    [at('non-canonical-origin', 'origin', 'localhost:3000', ['needs a scheme', '://localhost:3000"'])],
  ],
  [
    'a domain with a port but without a scheme',
    { origin: ['app.example.com:8443'] },
    [at('non-canonical-origin', 'origin[0]', 'app.example.com:8443', ['needs a scheme', '"https://app.example.com:8443"'])],
  ],
  [
    "the pattern 'https://*'",
    { origin: 'https://*' },
    [at('unsupported-pattern', 'origin', 'https://*', ['would allow every site', "use origin: '*'"])],
  ],
  [
    "'https://*.com' with credentials",
    { origin: 'https://*.com', credentials: true },
    [at('public-suffix-wildcard-with-credentials', 'origin', 'https://*.com', ['"com" is a public suffix', 'dangerouslyAllowPublicSuffixWildcards'])],
  ],
  [
    "'https://*.github.io' with credentials",
    { origin: [APP, 'https://*.github.io'], credentials: true },
    [
      at('public-suffix-wildcard-with-credentials', 'origin[1]', 'https://*.github.io', [
        '"github.io" is a public suffix',
        'name your own domain',
      ]),
    ],
  ],
  [
    'an http: origin with credentials',
    { origin: 'http://app.example.com', credentials: true },
    [
      at('insecure-origin-with-credentials', 'origin', 'http://app.example.com', [
        'use "https://app.example.com"',
        'dangerouslyAllowInsecureOriginsWithCredentials',
      ]),
    ],
  ],
  [
    'an http: subdomain pattern with credentials',
    { origin: ['http://*.example.com'], credentials: true },
    [at('insecure-origin-with-credentials', 'origin[0]', 'http://*.example.com', ['"https://*.example.com"'])],
  ],
  [
    'a RegExp without ^',
    { origin: /example\.com$/ },
    [at('unanchored-regexp', 'origin', /example\.com$/, [String.raw`/^(?:example\.com)$/`])],
  ],
  [
    'a RegExp whose alternation escapes the anchors',
    { origin: [/^https:\/\/a\.com|b/] },
    [at('unanchored-regexp', 'origin[0]', /^https:\/\/a\.com|b/, [String.raw`/^(?:https:\/\/a\.com|b)$/`])],
  ],
  [
    'a RegExp with the g flag',
    { origin: /^https:\/\/app\.example\.com$/g },
    [at('stateful-regexp', 'origin', /^https:\/\/app\.example\.com$/g, ['remove the g, y and m flags'])],
  ],
  [
    'methods CONNECT, TRACE and TRACK',
    { origin: APP, methods: ['GET', 'CONNECT', 'TRACE', 'TRACK'] },
    [
      at('forbidden-method', 'methods[1]', 'CONNECT', ['browsers never send this method']),
      at('forbidden-method', 'methods[2]', 'TRACE', ['browsers never send this method']),
      at('forbidden-method', 'methods[3]', 'TRACK', ['browsers never send this method']),
    ],
  ],
  [
    'a lowercase method',
    { origin: APP, methods: ['get', 'POST'] },
    [at('lowercase-method', 'methods[0]', 'get', ['browsers send "GET"', 'use "GET"'])],
  ],
  [
    'forbidden request headers in allowedHeaders',
    { origin: APP, allowedHeaders: ['Content-Type', 'Cookie', 'Host', 'Sec-Fetch-Mode', 'Proxy-Authorization'] },
    [
      at('forbidden-request-header', 'allowedHeaders[1]', 'Cookie', ['forbidden request header', 'scripts cannot set it']),
      at('forbidden-request-header', 'allowedHeaders[2]', 'Host', ['forbidden request header']),
      at('forbidden-request-header', 'allowedHeaders[3]', 'Sec-Fetch-Mode', ['forbidden request header']),
      at('forbidden-request-header', 'allowedHeaders[4]', 'Proxy-Authorization', ['forbidden request header']),
    ],
  ],
  [
    'Set-Cookie in exposedHeaders',
    { origin: APP, exposedHeaders: ['X-Request-Id', 'Set-Cookie'] },
    [at('set-cookie-exposed', 'exposedHeaders[1]', 'Set-Cookie', ['never expose Set-Cookie'])],
  ],
  ['a negative maxAge', { origin: APP, maxAge: -1 }, [at('invalid-max-age', 'maxAge', -1, ['whole seconds in 0..86400'])]],
  ['a fractional maxAge', { origin: APP, maxAge: 1.5 }, [at('invalid-max-age', 'maxAge', 1.5, ['whole seconds in 0..86400'])]],
  ['a maxAge over a day', { origin: APP, maxAge: 86401 }, [at('invalid-max-age', 'maxAge', 86401, ['whole seconds in 0..86400'])]],
  [
    'a redirect as optionsSuccessStatus',
    { origin: APP, optionsSuccessStatus: 301 },
    [at('invalid-status', 'optionsSuccessStatus', 301, ['200..299'])],
  ],
  [
    "the unknown option 'allowedOrigins'",
    { allowedOrigins: [APP] },
    [at('unknown-option', 'allowedOrigins', [APP], ['did you mean "origin"?'])],
  ],
  [
    "the misspelled option 'exposeHeaders'",
    { origin: APP, exposeHeaders: ['X-Request-Id'] },
    [at('unknown-option', 'exposeHeaders', ['X-Request-Id'], ['did you mean "exposedHeaders"?'])],
  ],
  [
    'origin: true (reflect any origin)',
    { origin: true, credentials: true },
    [at('reflect-any-origin', 'origin', true, ['reflecting every origin is unsafe', 'list the origins'])],
  ],
  [
    "'*' inside an origin list",
    { origin: [APP, '*'] },
    [at('wildcard-in-list', 'origin[1]', '*', ["use origin: '*' alone"])],
  ],
  [
    'a single header name where a list is expected',
    { origin: APP, allowedHeaders: 'Content-Type' },
    [at('invalid-type', 'allowedHeaders', 'Content-Type', ["a list of header names or '*'"])],
  ],
  [
    'a single exposed header name where a list is expected',
    { origin: APP, exposedHeaders: 'X-Request-Id' },
    [at('invalid-type', 'exposedHeaders', 'X-Request-Id', ["a list of header names or '*'"])],
  ],
];

const ACCEPTED_MODULE_OPTIONS: Array<[title: string, options: CorsModuleOptions]> = [
  ["'https://*.com' with credentials and dangerouslyAllowPublicSuffixWildcards", { origin: 'https://*.com', credentials: true, dangerouslyAllowPublicSuffixWildcards: true }],
  ["'https://*.github.io' with credentials and dangerouslyAllowPublicSuffixWildcards", { origin: ['https://*.github.io'], credentials: true, dangerouslyAllowPublicSuffixWildcards: true }],
  ["'https://*.com' without credentials", { origin: 'https://*.com' }],
  ["'https://*.github.io' without credentials", { origin: ['https://*.github.io', APP] }],
  ['http://localhost:3000 with credentials', { origin: 'http://localhost:3000', credentials: true }],
  ['http://127.0.0.1:8080 with credentials', { origin: 'http://127.0.0.1:8080', credentials: true }],
  ['http://[::1]:3000 with credentials', { origin: 'http://[::1]:3000', credentials: true }],
  ['http://localhost:* with credentials', { origin: ['http://localhost:*'], credentials: true }],
  ['an http: origin with credentials and dangerouslyAllowInsecureOriginsWithCredentials', { origin: 'http://app.example.com', credentials: true, dangerouslyAllowInsecureOriginsWithCredentials: true }],
  ['an http: origin without credentials', { origin: 'http://app.example.com' }],
  ["origin '*' without credentials, exposedHeaders '*'", { origin: '*', exposedHeaders: '*' }],
  ['an anchored RegExp with the i flag', { origin: /^https:\/\/(?:a|b)\.example\.com$/i, credentials: true }],
  ['boundary values', { origin: APP, maxAge: 86400, optionsSuccessStatus: 299, methods: ['GET', 'PATCH', 'patch'] }],
  ['maxAge 0 and optionsSuccessStatus 200', { origin: APP, maxAge: 0, optionsSuccessStatus: 200 }],
];

describe.each(ADAPTERS)('startup validation (%s)', (_name, create) => {
  describe('refused module options: app.init() rejects with one CorsConfigurationError', () => {
    it.each(REFUSED_MODULE_OPTIONS)('%s', async (_title, options, expected) => {
      const error = await startupError(create, { imports: [forRoot(options)], controllers: [PlainController] });
      expectProblems(error, expected);
    });

    it('app.init() rejects with a CorsConfigurationError (expect(...).rejects form)', async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [forRoot({ origin: '*', credentials: true })],
        controllers: [PlainController],
      }).compile();
      const app = moduleRef.createNestApplication(create(), { logger: false });
      try {
        await expect(app.init()).rejects.toThrow(CorsConfigurationError);
      } finally {
        await app.close();
      }
    });

    it('lists every problem of one options object, in the order the fields are read', async () => {
      const error = await startupError(create, {
        imports: [
          forRoot({
            allowedOrigins: [APP],
            origin: ['https://app.example.com/', /example\.com$/, 'null'],
            methods: ['get', 'CONNECT'],
            allowedHeaders: ['Cookie'],
            exposedHeaders: ['Set-Cookie'],
            maxAge: 1.5,
            optionsSuccessStatus: 301,
          }),
        ],
        controllers: [PlainController],
      });
      expectProblems(error, [
        at('unknown-option', 'allowedOrigins', [APP], ['did you mean "origin"?']),
        at('non-canonical-origin', 'origin[0]', 'https://app.example.com/', ['remove the trailing slash']),
        at('unanchored-regexp', 'origin[1]', /example\.com$/, [String.raw`/^(?:example\.com)$/`]),
        at('null-origin', 'origin[2]', 'null', ['remove it']),
        at('lowercase-method', 'methods[0]', 'get', ['use "GET"']),
        at('forbidden-method', 'methods[1]', 'CONNECT', ['browsers never send this method']),
        at('forbidden-request-header', 'allowedHeaders[0]', 'Cookie', ['forbidden request header']),
        at('set-cookie-exposed', 'exposedHeaders[0]', 'Set-Cookie', ['never expose Set-Cookie']),
        at('invalid-max-age', 'maxAge', 1.5, ['0..86400']),
        at('invalid-status', 'optionsSuccessStatus', 301, ['200..299']),
      ]);
    });
  });

  describe('accepted module options: app.init() resolves', () => {
    it.each(ACCEPTED_MODULE_OPTIONS)('%s', async (_title, options) => {
      await expectStarts(create, { imports: [CorsModule.forRoot(options)], controllers: [PlainController] });
    });
  });

  describe('named policies: located at policies.NAME', () => {
    it("origin '*' with credentials in a policy", async () => {
      const error = await startupError(create, {
        // A type error too (see test/types); cast, as JavaScript could pass it.
        imports: [CorsModule.forRoot({ origin: APP, policies: { partner: { origin: '*', credentials: true } } } as CorsModuleOptions)],
        controllers: [PlainController],
      });
      expectProblems(error, [problem('policies.partner', 'wildcard-with-credentials', 'origin', '*', ['list the origins'])]);
    });

    it("origin '*' in a policy, credentials from the module defaults", async () => {
      const error = await startupError(create, {
        // A type error too (see test/types); cast, as JavaScript could pass it.
        imports: [CorsModule.forRoot({ origin: APP, credentials: true, policies: { open: { origin: '*' } } } as CorsModuleOptions)],
        controllers: [PlainController],
      });
      expectProblems(error, [problem('policies.open', 'wildcard-with-credentials', 'origin', '*', ['drop credentials'])]);
    });

    it('field problems, public suffixes and http: origins in policies', async () => {
      const error = await startupError(create, {
        imports: [
          forRoot({
            origin: APP,
            credentials: true,
            policies: {
              pages: { origin: 'https://*.github.io' },
              legacy: { origin: 'http://legacy.example.com', maxAge: 86401 },
              typo: { origins: [APP], exposedHeaders: '*' },
            },
          }),
        ],
        controllers: [PlainController],
      });
      expectProblems(error, [
        problem('policies.pages', 'public-suffix-wildcard-with-credentials', 'origin', 'https://*.github.io', ['"github.io" is a public suffix']),
        problem('policies.legacy', 'invalid-max-age', 'maxAge', 86401, ['0..86400']),
        problem('policies.legacy', 'insecure-origin-with-credentials', 'origin', 'http://legacy.example.com', ['"https://legacy.example.com"']),
        problem('policies.typo', 'unknown-option', 'origins', [APP], ['did you mean "origin"?']),
        problem('policies.typo', 'wildcard-exposed-headers-with-credentials', 'exposedHeaders', '*', ['list the headers']),
      ]);
    });

    it('the dangerously* opt-ins also work per policy', async () => {
      await expectStarts(create, {
        imports: [
          CorsModule.forRoot({
            origin: APP,
            credentials: true,
            policies: {
              pages: { origin: 'https://*.github.io', dangerouslyAllowPublicSuffixWildcards: true },
              legacy: { origin: 'http://legacy.example.com', dangerouslyAllowInsecureOriginsWithCredentials: true },
              public: { origin: '*', credentials: false, exposedHeaders: '*' },
            },
          }),
        ],
        controllers: [PlainController],
      });
    });

    it('the same mistake in two policies is reported for each of them', async () => {
      const error = await startupError(create, {
        imports: [
          CorsModule.forRoot({
            origin: APP,
            policies: { a: { origin: 'https://a.example.com', maxAge: -1 }, b: { origin: 'https://b.example.com', maxAge: -1 } },
          }),
        ],
        controllers: [PlainController],
      });
      expectProblems(error, [
        problem('policies.a', 'invalid-max-age', 'maxAge', -1, ['0..86400']),
        problem('policies.b', 'invalid-max-age', 'maxAge', -1, ['0..86400']),
      ]);
    });
  });

  describe('@Cors decorators: located at XController or XController.handler', () => {
    it("origin '*' with credentials on a handler names the handler and its route", async () => {
      const error = await startupError(create, {
        imports: [CorsModule.forRoot({ origin: APP })],
        controllers: [HandlerWildcardController],
      });
      expectProblems(error, [
        problem('HandlerWildcardController.list', 'wildcard-with-credentials', 'origin', '*', ['list the origins'], 'GET /x'),
      ]);
      expect(error.message).toContain('  1. [wildcard-with-credentials] HandlerWildcardController.list (GET /x): origin = "*": ');
    });

    it("origin '*' on a handler, credentials from the module defaults", async () => {
      const error = await startupError(create, {
        imports: [CorsModule.forRoot({ origin: APP, credentials: true })],
        controllers: [InheritedCredentialsController],
      });
      expectProblems(error, [
        problem('InheritedCredentialsController.get', 'wildcard-with-credentials', 'origin', '*', ['drop credentials'], 'GET /inherit/:id'),
      ]);
    });

    it("origin '*' with credentials on a controller names the controller and all its routes", async () => {
      const error = await startupError(create, {
        imports: [CorsModule.forRoot({})],
        controllers: [ControllerWildcardController],
      });
      expectProblems(error, [
        problem('ControllerWildcardController', 'wildcard-with-credentials', 'origin', '*', ['list the origins'], 'GET /c, POST /c'),
      ]);
    });

    it('field problems of controller and handler decorators', async () => {
      const error = await startupError(create, {
        imports: [CorsModule.forRoot({ origin: APP })],
        controllers: [DecoratorFieldsController],
      });
      expectProblems(error, [
        problem('DecoratorFieldsController', 'invalid-max-age', 'maxAge', 86401, ['0..86400']),
        problem('DecoratorFieldsController.update', 'lowercase-method', 'methods[0]', 'put', ['use "PUT"']),
        problem('DecoratorFieldsController.update', 'forbidden-request-header', 'allowedHeaders[0]', 'Host', ['forbidden request header']),
      ]);
    });

    it('an unknown policy name: did you mean, or the configured names', async () => {
      const error = await startupError(create, {
        imports: [CorsModule.forRoot({ origin: APP, policies: { unknownPolicy: { origin: 'https://partner.example.com' } } })],
        controllers: [TypoPolicyController],
      });
      expectProblems(error, [
        problem('TypoPolicyController.list', 'unknown-policy', '@Cors(policyName)', 'unknwnPolicy', ['did you mean "unknownPolicy"?']),
        problem('TypoPolicyController.create', 'unknown-policy', '@Cors(policyName)', 'somethingElseEntirely', [
          'no policy of that name',
          '"unknownPolicy"',
        ]),
      ]);
    });

    it("@Header('Access-Control-*') on a route with CORS is refused; on a @Cors(false) route it is left alone", async () => {
      const error = await startupError(create, {
        imports: [CorsModule.forRoot({ origin: APP })],
        controllers: [CorsHeaderDecoratorController],
      });
      expectProblems(error, [
        problem('CorsHeaderDecoratorController.list', 'cors-header-on-route', "@Header('Access-Control-Allow-Origin')", '*', ['would replace', '@Cors(false)'], 'GET /headers'),
        problem('CorsHeaderDecoratorController.exposed', 'cors-header-on-route', "@Header('access-control-expose-headers')", 'X-Total', ['remove it'], 'GET /headers/exposed'),
      ]);
    });

    it('the same mistake on two handlers is reported for each handler', async () => {
      const error = await startupError(create, {
        imports: [CorsModule.forRoot({})],
        controllers: [RepeatedMistakeController],
      });
      expectProblems(error, [
        problem('RepeatedMistakeController.one', 'non-canonical-origin', 'origin', 'https://app.example.com/', ['remove the trailing slash']),
        problem('RepeatedMistakeController.two', 'non-canonical-origin', 'origin', 'https://app.example.com/', ['remove the trailing slash']),
      ]);
    });
  });

  it('module options, a named policy and two decorators: every problem in one error, numbered', async () => {
    const error = await startupError(create, {
      imports: [
        forRoot({
          origin: ['https://app.example.com/', '*'],
          credentials: true,
          maxAge: -1,
          exposeHeaders: ['X-Request-Id'],
          policies: {
            partner: { origin: 'http://partner.example.com', methods: ['get'], optionsSuccessStatus: 301 },
          },
        }),
      ],
      controllers: [MultiController],
    });
    const expected = [
      problem(MODULE, 'unknown-option', 'exposeHeaders', ['X-Request-Id'], ['did you mean "exposedHeaders"?']),
      problem(MODULE, 'non-canonical-origin', 'origin[0]', 'https://app.example.com/', ['remove the trailing slash', '"https://app.example.com"']),
      problem(MODULE, 'wildcard-in-list', 'origin[1]', '*', ["use origin: '*' alone"]),
      problem(MODULE, 'invalid-max-age', 'maxAge', -1, ['0..86400']),
      problem('policies.partner', 'lowercase-method', 'methods[0]', 'get', ['use "GET"']),
      problem('policies.partner', 'invalid-status', 'optionsSuccessStatus', 301, ['200..299']),
      problem('policies.partner', 'insecure-origin-with-credentials', 'origin', 'http://partner.example.com', ['"https://partner.example.com"']),
      problem('MultiController.a', 'forbidden-request-header', 'allowedHeaders[0]', 'Cookie', ['forbidden request header']),
      problem('MultiController.b', 'forbidden-method', 'methods[0]', 'TRACE', ['browsers never send this method']),
      problem('MultiController.b', 'wildcard-with-credentials', 'origin', '*', ['list the origins'], 'POST /multi/b'),
    ];
    expect(error.problems).toHaveLength(10);
    expect(error.problems.map((p) => p.code)).toEqual([
      'unknown-option',
      'non-canonical-origin',
      'wildcard-in-list',
      'invalid-max-age',
      'lowercase-method',
      'invalid-status',
      'insecure-origin-with-credentials',
      'forbidden-request-header',
      'forbidden-method',
      'wildcard-with-credentials',
    ]);
    expectProblems(error, expected);

    const lines = error.message.split('\n');
    expect(lines[0]).toBe('Invalid CORS configuration (10 problems):');
    expect(lines).toHaveLength(11);
    error.problems.forEach((p, i) => {
      expect(lines[i + 1]!.startsWith(`  ${i + 1}. [${p.code}] ${p.location}${p.route ? ` (${p.route})` : ''}: ${p.field} = `)).toBe(true);
      expect(lines[i + 1]!.endsWith(`: ${p.message}`)).toBe(true);
    });
    expect(lines[1]).toBe('  1. [unknown-option] CorsModule options: exposeHeaders = ["X-Request-Id"]: unknown option: did you mean "exposedHeaders"?');
    expect(lines[10]).toBe(
      "  10. [wildcard-with-credentials] MultiController.b (POST /multi/b): origin = \"*\": browsers refuse credentials with Access-Control-Allow-Origin: *; list the origins, or drop credentials; credentials: true inherited from the module defaults; set credentials: false in @Cors() on MultiController.b to override",
    );
  });

  describe('CorsModule.forRootAsync', () => {
    it('useFactory returning invalid options: compile succeeds, app.init() rejects with the same error', async () => {
      const error = await startupError(create, {
        imports: [
          CorsModule.forRootAsync({
            useFactory: () => ({ origin: '*', credentials: true, policies: { partner: { origin: 'https://partner.example.com/' } } }),
          }),
        ],
        controllers: [PlainController],
      });
      expectProblems(error, [
        problem(MODULE, 'wildcard-with-credentials', 'origin', '*', ['list the origins']),
        problem('policies.partner', 'non-canonical-origin', 'origin', 'https://partner.example.com/', ['remove the trailing slash']),
      ]);
    });

    it('an async useFactory with injected settings', async () => {
      const SETTINGS = Symbol('settings');
      @Module({ providers: [{ provide: SETTINGS, useValue: { origins: ['http://app.example.com'] } }], exports: [SETTINGS] })
      class SettingsModule {}
      const error = await startupError(create, {
        imports: [
          CorsModule.forRootAsync({
            imports: [SettingsModule],
            inject: [SETTINGS],
            useFactory: async (settings: { origins: string[] }) => ({ origin: settings.origins, credentials: true }),
          }),
        ],
        controllers: [PlainController],
      });
      expectProblems(error, [
        problem(MODULE, 'insecure-origin-with-credentials', 'origin[0]', 'http://app.example.com', ['"https://app.example.com"']),
      ]);
    });

    it('useClass returning invalid options', async () => {
      @Injectable()
      class CorsConfig implements CorsOptionsFactory {
        createCorsOptions(): CorsModuleOptions {
          return { origin: APP, methods: ['TRACK'] };
        }
      }
      const error = await startupError(create, {
        imports: [CorsModule.forRootAsync({ useClass: CorsConfig })],
        controllers: [PlainController],
      });
      expectProblems(error, [problem(MODULE, 'forbidden-method', 'methods[0]', 'TRACK', ['browsers never send this method'])]);
    });

    it('a valid factory starts', async () => {
      await expectStarts(create, {
        imports: [CorsModule.forRootAsync({ useFactory: async () => ({ origin: [APP], credentials: true }) })],
        controllers: [PlainController],
      });
    });
  });

  describe('other errors are not turned into configuration errors', () => {
    it('a failing factory rejects with its own error at compile time, not a CorsConfigurationError', async () => {
      const failing = CorsModule.forRootAsync({
        useFactory: () => {
          throw new Error('config service down');
        },
      });
      await expect(Test.createTestingModule({ imports: [failing], controllers: [PlainController] }).compile()).rejects.toThrow(
        'config service down',
      );
    });
  });

  it('control: a valid configuration using every accepted edge starts, listens and answers preflights', async () => {
    const running = await startApp(create, {
      imports: [
        CorsModule.forRoot({
          origin: [APP, 'https://*.example.com', /^https:\/\/[a-z]+\.example\.org$/],
          credentials: true,
          methods: ['GET', 'POST', 'PATCH'],
          allowedHeaders: ['Content-Type', 'X-Api-Key'],
          exposedHeaders: ['X-Request-Id'],
          maxAge: 600,
          optionsSuccessStatus: 204,
          policies: {
            public: { origin: '*', credentials: false, exposedHeaders: '*' },
            pages: { origin: 'https://*.github.io', dangerouslyAllowPublicSuffixWildcards: true },
            legacy: { origin: 'http://legacy.example.com', dangerouslyAllowInsecureOriginsWithCredentials: true },
          },
        }),
      ],
      controllers: [ValidController],
    });
    try {
      const local = await preflight(running.url, '/valid/local', 'http://[::1]:3000', 'POST', 'content-type');
      expect(local.status).toBe(204);
      expect(corsHeaders(local)).toEqual({
        'access-control-allow-origin': ['http://[::1]:3000'],
        'access-control-allow-credentials': ['true'],
        'access-control-allow-methods': ['POST'],
        'access-control-allow-headers': ['content-type'],
        'access-control-max-age': ['600'],
      });
      const pages = await preflight(running.url, '/valid/pages', 'https://someone.github.io', 'GET', 'x-api-key');
      expect(pages.status).toBe(204);
      expect(pages.header('access-control-allow-origin')).toBe('https://someone.github.io');
      expect(pages.header('access-control-allow-credentials')).toBe('true');
      const legacy = await preflight(running.url, '/valid/legacy', 'http://legacy.example.com', 'GET');
      expect(legacy.status).toBe(204);
      expect(legacy.header('access-control-allow-origin')).toBe('http://legacy.example.com');
      const open = await preflight(running.url, '/valid/public', 'https://anyone.example.net', 'GET');
      expect(open.status).toBe(204);
      expect(open.header('access-control-allow-origin')).toBe('*');
      expect(open.header('access-control-allow-credentials')).toBeUndefined();
      expect(running.logger.cors('error')).toEqual([]);
    } finally {
      await running.close();
    }
  });
});
