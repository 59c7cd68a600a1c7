import { describe, expect, it } from '@jest/globals';
import { CorsConfigurationProblemCode } from '../../../lib/errors/cors-configuration.error.js';
import { CorsPolicyOptions } from '../../../lib/interfaces/cors-policy-options.interface.js';
import { MODULE_FIELDS, POLICY_FIELDS } from '../../../lib/internal/policy/policy-fields.js';
import { FieldProblem, isAnchoredRegExp, validatePolicyFields } from '../../../lib/internal/policy/validate-policy-options.js';
import { validateCombination } from '../../../lib/internal/policy/validate-combination.js';
import { closestName } from '../../../lib/internal/policy/closest-name.js';

interface Expected {
  code: CorsConfigurationProblemCode;
  field: string;
  value: unknown;
}

const summary = (problems: FieldProblem[]): Expected[] => problems.map(({ code, field, value }) => ({ code, field, value }));

const store = { sync: async () => ({ records: [], putBack: 0 }), add: async () => undefined, remove: async () => undefined, watch: () => () => undefined };

/** A RegExp for Firefox extensions written with an escaped dash. */
const ESCAPED_DASH = new RegExp(String.raw`^MOZ\-EXTENSION:\/\/.+$`, 'i');

describe('validatePolicyFields: one row per problem', () => {
  it.each<{ name: string; options: unknown; module?: boolean; expected: Expected[] }>([
    // invalid-type
    { name: 'options not an object (string)', options: 'https://a.example.com', expected: [{ code: 'invalid-type', field: '(options)', value: 'https://a.example.com' }] },
    { name: 'options not an object (null)', options: null, expected: [{ code: 'invalid-type', field: '(options)', value: null }] },
    { name: 'options not an object (array)', options: [], expected: [{ code: 'invalid-type', field: '(options)', value: [] }] },
    { name: 'options not an object (RegExp)', options: /^a$/, expected: [{ code: 'invalid-type', field: '(options)', value: /^a$/ }] },
    { name: 'origin of the wrong type', options: { origin: 42 }, expected: [{ code: 'invalid-type', field: 'origin', value: 42 }] },
    { name: 'origin list item of the wrong type', options: { origin: ['https://a.example.com', 42] }, expected: [{ code: 'invalid-type', field: 'origin[1]', value: 42 }] },
    { name: 'methods not a list', options: { methods: 'GET' }, expected: [{ code: 'invalid-type', field: 'methods', value: 'GET' }] },
    { name: "methods: '*'", options: { methods: '*' }, expected: [{ code: 'invalid-type', field: 'methods', value: '*' }] },
    { name: 'allowedHeaders not a list', options: { allowedHeaders: 'x-a' }, expected: [{ code: 'invalid-type', field: 'allowedHeaders', value: 'x-a' }] },
    { name: 'exposedHeaders not a list', options: { exposedHeaders: 5 }, expected: [{ code: 'invalid-type', field: 'exposedHeaders', value: 5 }] },
    { name: 'credentials not a boolean', options: { credentials: 'true' }, expected: [{ code: 'invalid-type', field: 'credentials', value: 'true' }] },
    { name: 'allowPrivateNetwork not a boolean', options: { allowPrivateNetwork: 1 }, expected: [{ code: 'invalid-type', field: 'allowPrivateNetwork', value: 1 }] },
    {
      name: 'dangerouslyAllowInsecureOriginsWithCredentials not a boolean',
      options: { dangerouslyAllowInsecureOriginsWithCredentials: 'yes' },
      expected: [{ code: 'invalid-type', field: 'dangerouslyAllowInsecureOriginsWithCredentials', value: 'yes' }],
    },
    {
      name: 'dangerouslyAllowPublicSuffixWildcards not a boolean',
      options: { dangerouslyAllowPublicSuffixWildcards: null },
      expected: [{ code: 'invalid-type', field: 'dangerouslyAllowPublicSuffixWildcards', value: null }],
    },
    { name: 'originCache not an object', options: { originCache: 1000 }, expected: [{ code: 'invalid-type', field: 'originCache', value: 1000 }] },
    { name: 'debug not a boolean (module)', options: { debug: 'yes' }, module: true, expected: [{ code: 'invalid-type', field: 'debug', value: 'yes' }] },
    { name: 'logRoutes not a boolean (module)', options: { logRoutes: 1 }, module: true, expected: [{ code: 'invalid-type', field: 'logRoutes', value: 1 }] },
    { name: 'originStore missing methods (module)', options: { originStore: { add: () => undefined } }, module: true, expected: [{ code: 'invalid-type', field: 'originStore', value: 'an object' }] },
    { name: 'policies not an object (module)', options: { policies: [] }, module: true, expected: [{ code: 'invalid-type', field: 'policies', value: [] }] },
    // unknown-option
    { name: 'typo', options: { orgin: 'https://a.example.com' }, expected: [{ code: 'unknown-option', field: 'orgin', value: 'https://a.example.com' }] },
    { name: 'other library spelling', options: { allowedOrigins: ['https://a.example.com'] }, expected: [{ code: 'unknown-option', field: 'allowedOrigins', value: ['https://a.example.com'] }] },
    { name: 'preflightContinue', options: { preflightContinue: true }, expected: [{ code: 'unsupported-option', field: 'preflightContinue', value: true }] },
    { name: 'module-only field on a policy', options: { unmatchedPreflight: 'pass' }, expected: [{ code: 'unknown-option', field: 'unmatchedPreflight', value: 'pass' }] },
    { name: 'unknown originCache key', options: { originCache: { ttl: 1000, size: 5 } }, expected: [{ code: 'unknown-option', field: 'originCache.size', value: 5 }] },
    // origin values
    { name: 'null origin', options: { origin: 'null' }, expected: [{ code: 'null-origin', field: 'origin', value: 'null' }] },
    { name: 'non-canonical origin in a list', options: { origin: ['https://a.example.com', 'https://b.example.com/'] }, expected: [{ code: 'non-canonical-origin', field: 'origin[1]', value: 'https://b.example.com/' }] },
    { name: 'unsupported pattern', options: { origin: 'https://*' }, expected: [{ code: 'unsupported-pattern', field: 'origin', value: 'https://*' }] },
    { name: 'origin: true', options: { origin: true }, expected: [{ code: 'reflect-any-origin', field: 'origin', value: true }] },
    { name: "'*' in an origin list", options: { origin: ['*', 'https://a.example.com'] }, expected: [{ code: 'wildcard-in-list', field: 'origin[0]', value: '*' }] },
    { name: "'*' in methods", options: { methods: ['GET', '*'] }, expected: [{ code: 'wildcard-in-list', field: 'methods[1]', value: '*' }] },
    { name: "methods: ['*'] alone", options: { methods: ['*'] }, expected: [{ code: 'wildcard-in-list', field: 'methods[0]', value: '*' }] },
    { name: "'Put' (a standard method, not uppercase)", options: { methods: ['Put'] }, expected: [{ code: 'lowercase-method', field: 'methods[0]', value: 'Put' }] },
    {
      name: 'chrome-extension pattern',
      options: { origin: ['chrome-extension://*'] },
      expected: [{ code: 'unsupported-pattern', field: 'origin[0]', value: 'chrome-extension://*' }],
    },
    {
      name: 'RegExp over extension origins',
      options: { origin: /^chrome-extension:\/\/[a-p]{32}$/ },
      expected: [{ code: 'unsupported-pattern', field: 'origin', value: /^chrome-extension:\/\/[a-p]{32}$/ }],
    },
    {
      name: 'RegExp over moz-extension origins, escaped dash, any case',
      options: { origin: [ESCAPED_DASH] },
      expected: [{ code: 'unsupported-pattern', field: 'origin[0]', value: ESCAPED_DASH }],
    },
    {
      name: 'RegExp over two extension schemes by alternation',
      options: { origin: /^(?:chrome|moz)-extension:\/\/\w+$/ },
      expected: [{ code: 'unsupported-pattern', field: 'origin', value: /^(?:chrome|moz)-extension:\/\/\w+$/ }],
    },
    {
      name: 'uppercase extension id',
      options: { origin: 'chrome-extension://ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP' },
      expected: [{ code: 'non-canonical-origin', field: 'origin', value: 'chrome-extension://ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP' }],
    },
    { name: "'*' in allowedHeaders", options: { allowedHeaders: ['*'] }, expected: [{ code: 'wildcard-in-list', field: 'allowedHeaders[0]', value: '*' }] },
    { name: "'*' in exposedHeaders", options: { exposedHeaders: ['x-a', '*'] }, expected: [{ code: 'wildcard-in-list', field: 'exposedHeaders[1]', value: '*' }] },
    { name: 'unanchored RegExp', options: { origin: /example\.com$/ }, expected: [{ code: 'unanchored-regexp', field: 'origin', value: /example\.com$/ }] },
    { name: 'RegExp with top-level alternation', options: { origin: [/^https:\/\/a\.com|https:\/\/b\.com$/] }, expected: [{ code: 'unanchored-regexp', field: 'origin[0]', value: /^https:\/\/a\.com|https:\/\/b\.com$/ }] },
    { name: 'global RegExp', options: { origin: /^https:\/\/a\.com$/g }, expected: [{ code: 'stateful-regexp', field: 'origin', value: /^https:\/\/a\.com$/g }] },
    { name: 'sticky RegExp', options: { origin: [/^https:\/\/a\.com$/y] }, expected: [{ code: 'stateful-regexp', field: 'origin[0]', value: /^https:\/\/a\.com$/y }] },
    { name: 'multiline RegExp', options: { origin: /^https:\/\/a\.com$/m }, expected: [{ code: 'stateful-regexp', field: 'origin', value: /^https:\/\/a\.com$/m }] },
    {
      name: 'unanchored and global RegExp',
      options: { origin: /a\.com/g },
      expected: [
        { code: 'unanchored-regexp', field: 'origin', value: /a\.com/g },
        { code: 'stateful-regexp', field: 'origin', value: /a\.com/g },
      ],
    },
    // methods
    { name: 'method not a token', options: { methods: ['GE T'] }, expected: [{ code: 'invalid-method', field: 'methods[0]', value: 'GE T' }] },
    { name: 'method not a string', options: { methods: ['GET', 7] }, expected: [{ code: 'invalid-method', field: 'methods[1]', value: 7 }] },
    { name: 'empty method', options: { methods: [''] }, expected: [{ code: 'invalid-method', field: 'methods[0]', value: '' }] },
    { name: 'CONNECT', options: { methods: ['CONNECT'] }, expected: [{ code: 'forbidden-method', field: 'methods[0]', value: 'CONNECT' }] },
    { name: 'trace (any case)', options: { methods: ['GET', 'trace'] }, expected: [{ code: 'forbidden-method', field: 'methods[1]', value: 'trace' }] },
    { name: 'TRACK', options: { methods: ['TRACK'] }, expected: [{ code: 'forbidden-method', field: 'methods[0]', value: 'TRACK' }] },
    { name: 'lowercase get', options: { methods: ['get'] }, expected: [{ code: 'lowercase-method', field: 'methods[0]', value: 'get' }] },
    { name: 'mixed-case Delete', options: { methods: ['PUT', 'Delete'] }, expected: [{ code: 'lowercase-method', field: 'methods[1]', value: 'Delete' }] },
    // headers
    { name: 'allowed header not a token', options: { allowedHeaders: ['x a'] }, expected: [{ code: 'invalid-header-name', field: 'allowedHeaders[0]', value: 'x a' }] },
    { name: 'allowed header with a colon', options: { allowedHeaders: ['x-a', 'x-b:'] }, expected: [{ code: 'invalid-header-name', field: 'allowedHeaders[1]', value: 'x-b:' }] },
    { name: 'exposed header empty', options: { exposedHeaders: [''] }, expected: [{ code: 'invalid-header-name', field: 'exposedHeaders[0]', value: '' }] },
    { name: 'exposed header not a string', options: { exposedHeaders: [null] }, expected: [{ code: 'invalid-header-name', field: 'exposedHeaders[0]', value: null }] },
    { name: 'forbidden request header Cookie', options: { allowedHeaders: ['Cookie'] }, expected: [{ code: 'forbidden-request-header', field: 'allowedHeaders[0]', value: 'Cookie' }] },
    { name: 'forbidden request header origin', options: { allowedHeaders: ['x-a', 'origin'] }, expected: [{ code: 'forbidden-request-header', field: 'allowedHeaders[1]', value: 'origin' }] },
    { name: 'forbidden Proxy- prefix', options: { allowedHeaders: ['Proxy-Authorization'] }, expected: [{ code: 'forbidden-request-header', field: 'allowedHeaders[0]', value: 'Proxy-Authorization' }] },
    { name: 'forbidden Sec- prefix', options: { allowedHeaders: ['Sec-Fetch-Mode'] }, expected: [{ code: 'forbidden-request-header', field: 'allowedHeaders[0]', value: 'Sec-Fetch-Mode' }] },
    { name: 'Set-Cookie exposed', options: { exposedHeaders: ['Set-Cookie'] }, expected: [{ code: 'set-cookie-exposed', field: 'exposedHeaders[0]', value: 'Set-Cookie' }] },
    { name: 'set-cookie2 exposed', options: { exposedHeaders: ['x-a', 'set-cookie2'] }, expected: [{ code: 'set-cookie-exposed', field: 'exposedHeaders[1]', value: 'set-cookie2' }] },
    // numbers
    { name: 'negative maxAge', options: { maxAge: -1 }, expected: [{ code: 'invalid-max-age', field: 'maxAge', value: -1 }] },
    { name: 'fractional maxAge', options: { maxAge: 1.5 }, expected: [{ code: 'invalid-max-age', field: 'maxAge', value: 1.5 }] },
    { name: 'maxAge over 86400', options: { maxAge: 86401 }, expected: [{ code: 'invalid-max-age', field: 'maxAge', value: 86401 }] },
    { name: 'maxAge as a string', options: { maxAge: '600' }, expected: [{ code: 'invalid-max-age', field: 'maxAge', value: '600' }] },
    { name: 'maxAge NaN', options: { maxAge: Number.NaN }, expected: [{ code: 'invalid-max-age', field: 'maxAge', value: Number.NaN }] },
    { name: 'redirect status', options: { optionsSuccessStatus: 301 }, expected: [{ code: 'invalid-status', field: 'optionsSuccessStatus', value: 301 }] },
    { name: 'status 199', options: { optionsSuccessStatus: 199 }, expected: [{ code: 'invalid-status', field: 'optionsSuccessStatus', value: 199 }] },
    { name: 'status 300', options: { optionsSuccessStatus: 300 }, expected: [{ code: 'invalid-status', field: 'optionsSuccessStatus', value: 300 }] },
    { name: 'status as a string', options: { optionsSuccessStatus: '204' }, expected: [{ code: 'invalid-status', field: 'optionsSuccessStatus', value: '204' }] },
    // invalid-option
    { name: 'originCache.ttl 0', options: { originCache: { ttl: 0 } }, expected: [{ code: 'invalid-option', field: 'originCache.ttl', value: 0 }] },
    { name: 'originCache.ttl missing', options: { originCache: {} }, expected: [{ code: 'invalid-option', field: 'originCache.ttl', value: undefined }] },
    { name: 'originCache.negativeTtl negative', options: { originCache: { ttl: 1000, negativeTtl: -1 } }, expected: [{ code: 'invalid-option', field: 'originCache.negativeTtl', value: -1 }] },
    { name: 'originCache.max fractional', options: { originCache: { ttl: 1000, max: 1.5 } }, expected: [{ code: 'invalid-option', field: 'originCache.max', value: 1.5 }] },
    { name: 'originCache.maxNegative too large', options: { originCache: { ttl: 1000, maxNegative: 1_000_001 } }, expected: [{ code: 'invalid-option', field: 'originCache.maxNegative', value: 1_000_001 }] },
    { name: 'unmatchedPreflight (module)', options: { unmatchedPreflight: 'ignore' }, module: true, expected: [{ code: 'invalid-option', field: 'unmatchedPreflight', value: 'ignore' }] },
    { name: 'originCheckTimeout 0 (module)', options: { originCheckTimeout: 0 }, module: true, expected: [{ code: 'invalid-option', field: 'originCheckTimeout', value: 0 }] },
    { name: 'originCheckTimeout over 60000 (module)', options: { originCheckTimeout: 60001 }, module: true, expected: [{ code: 'invalid-option', field: 'originCheckTimeout', value: 60001 }] },
    // several problems are all reported, in field order
    {
      name: 'several problems at once',
      options: { origin: ['null', 'https://A.example.com'], methods: ['get'], maxAge: -5 },
      expected: [
        { code: 'null-origin', field: 'origin[0]', value: 'null' },
        { code: 'non-canonical-origin', field: 'origin[1]', value: 'https://A.example.com' },
        { code: 'lowercase-method', field: 'methods[0]', value: 'get' },
        { code: 'invalid-max-age', field: 'maxAge', value: -5 },
      ],
    },
  ])('$name', ({ options, module, expected }) => {
    expect(summary(validatePolicyFields(options, module ?? false))).toEqual(expected);
  });
});

describe('validatePolicyFields: valid configurations give no problems', () => {
  it.each<{ name: string; options: unknown; module?: boolean }>([
    { name: 'empty', options: {} },
    { name: "origin '*'", options: { origin: '*' } },
    { name: 'origin false', options: { origin: false } },
    { name: 'origin function', options: { origin: () => true } },
    { name: 'empty origin list', options: { origin: [] } },
    { name: 'single exact origin', options: { origin: 'https://app.example.com' } },
    {
      name: 'mixed origin list',
      options: {
        origin: [
          'https://app.example.com',
          'https://*.example.com',
          'http://localhost:*',
          /^https:\/\/(?:a|b)\.example\.com$/,
          /^https:\/\/[a-z]+\.example\.org$/i,
        ],
      },
    },
    {
      name: 'every policy field',
      options: {
        origin: ['https://app.example.com'],
        methods: ['GET', 'PUT', 'PATCH', 'patch', 'PROPFIND'],
        allowedHeaders: ['Content-Type', 'Authorization', 'X-Request-Id'],
        exposedHeaders: ['X-Total-Count', 'ETag'],
        credentials: true,
        maxAge: 0,
        allowPrivateNetwork: false,
        optionsSuccessStatus: 200,
        originCache: { ttl: 60_000, negativeTtl: 0, max: 0, maxNegative: 1_000_000 },
        dangerouslyAllowInsecureOriginsWithCredentials: false,
        dangerouslyAllowPublicSuffixWildcards: false,
      } satisfies CorsPolicyOptions,
    },
    { name: "allowedHeaders and exposedHeaders '*'", options: { allowedHeaders: '*', exposedHeaders: '*' } },
    // Accepted: allows no method beyond GET, HEAD and POST (docs/configuration.md, `methods`).
    { name: 'methods: []', options: { methods: [] } },
    // Accepted: browsers send methods other than the six standard ones as written.
    { name: "custom lowercase method 'purge'", options: { methods: ['purge', 'PURGE'] } },
    {
      name: 'extension origins, with credentials',
      options: {
        origin: ['chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'moz-extension://2ab33852-d69b-4ed6-99ad-a4839dfec7ed', 'safari-web-extension://2ab33852-d69b-4ed6-99ad-a4839dfec7ed'],
        credentials: true,
      },
    },
    { name: 'trailing-dot origin, exactly', options: { origin: 'http://example.com.:3999' } },
    { name: 'a RegExp for a host named chrome-extension (not an extension scheme)', options: { origin: /^https:\/\/chrome-extension\.example\.com$/ } },
    { name: 'maxAge 86400', options: { maxAge: 86400 } },
    { name: 'status 299', options: { optionsSuccessStatus: 299 } },
    { name: 'originCache false', options: { originCache: false } },
    {
      name: 'module options',
      module: true,
      options: {
        origin: 'https://app.example.com',
        policies: { partners: { origin: ['https://partner.example.com'] } },
        unmatchedPreflight: 'pass',
        originCheckTimeout: 60000,
        debug: true,
        logRoutes: false,
        originStore: store,
      },
    },
    { name: 'module options: refuse', module: true, options: { unmatchedPreflight: 'refuse', originCheckTimeout: 1 } },
  ])('$name', ({ options, module }) => {
    expect(validatePolicyFields(options, module ?? false)).toEqual([]);
  });
});

describe('validatePolicyFields: messages', () => {
  it.each<{ name: string; options: unknown; module?: boolean; message: string }>([
    { name: 'typo suggests the field', options: { orgin: 'x' }, message: 'unknown option: did you mean "origin"?' },
    { name: 'other spelling suggests the field', options: { allowedOrigins: [] }, message: 'unknown option: did you mean "origin"?' },
    { name: 'withCredentials', options: { withCredentials: true }, message: 'unknown option: did you mean "credentials"?' },
    { name: 'exposeHeaders', options: { exposeHeaders: [] }, message: 'unknown option: did you mean "exposedHeaders"?' },
    { name: 'module-only field on a policy', options: { originStore: store }, message: 'unknown option; it can only be set in CorsModule.forRoot()' },
    { name: 'module typo', options: { debg: true }, module: true, message: 'unknown option: did you mean "debug"?' },
    {
      name: 'a store written for load()',
      options: { originStore: { load: async () => [], add: async () => undefined, remove: async () => undefined, watch: () => undefined } },
      module: true,
      message: 'expected a CorsOriginStore (sync, add, remove and watch methods); load() became sync(known), see docs/runtime-origins.md',
    },
    { name: 'nothing close', options: { zzzzzzzzzz: 1 }, message: 'unknown option' },
    { name: 'unanchored RegExp suggests an anchored one', options: { origin: /example\.com$/ }, message: 'a RegExp must match the whole origin: use /^(?:example\\.com)$/' },
    { name: 'trailing slash hint', options: { origin: 'https://a.example.com/' }, message: 'did you mean "https://a.example.com"? (remove the trailing slash)' },
    { name: 'lowercase method', options: { methods: ['delete'] }, message: 'methods are case-sensitive and browsers send "DELETE": use "DELETE"' },
  ])('$name', ({ options, module, message }) => {
    const problems = validatePolicyFields(options, module ?? false);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toBe(message);
  });
});

describe('validateCombination', () => {
  it.each<{ name: string; policy: CorsPolicyOptions; expected: Expected[] }>([
    { name: "'*' with credentials", policy: { origin: '*', credentials: true }, expected: [{ code: 'wildcard-with-credentials', field: 'origin', value: '*' }] },
    {
      name: 'extension origins with credentials (exact origins, not http:)',
      policy: { origin: ['chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'moz-extension://2ab33852-d69b-4ed6-99ad-a4839dfec7ed'], credentials: true },
      expected: [],
    },
    {
      name: "exposedHeaders '*' with credentials",
      policy: { origin: 'https://a.example.com', credentials: true, exposedHeaders: '*' },
      expected: [{ code: 'wildcard-exposed-headers-with-credentials', field: 'exposedHeaders', value: '*' }],
    },
    {
      name: "'*' origin and '*' exposedHeaders with credentials",
      policy: { origin: '*', credentials: true, exposedHeaders: '*' },
      expected: [
        { code: 'wildcard-with-credentials', field: 'origin', value: '*' },
        { code: 'wildcard-exposed-headers-with-credentials', field: 'exposedHeaders', value: '*' },
      ],
    },
    {
      name: 'http origin with credentials',
      policy: { origin: 'http://app.example.com', credentials: true },
      expected: [{ code: 'insecure-origin-with-credentials', field: 'origin', value: 'http://app.example.com' }],
    },
    {
      name: 'http origin with port in a list with credentials',
      policy: { origin: ['https://app.example.com', 'http://app.example.com:8080'], credentials: true },
      expected: [{ code: 'insecure-origin-with-credentials', field: 'origin[1]', value: 'http://app.example.com:8080' }],
    },
    {
      name: 'http subdomain pattern with credentials',
      policy: { origin: ['http://*.example.com'], credentials: true },
      expected: [{ code: 'insecure-origin-with-credentials', field: 'origin[0]', value: 'http://*.example.com' }],
    },
    {
      name: 'http port pattern on a public host with credentials',
      policy: { origin: 'http://example.com:*', credentials: true },
      expected: [{ code: 'insecure-origin-with-credentials', field: 'origin', value: 'http://example.com:*' }],
    },
    {
      name: 'wildcard under .com with credentials',
      policy: { origin: 'https://*.com', credentials: true },
      expected: [{ code: 'public-suffix-wildcard-with-credentials', field: 'origin', value: 'https://*.com' }],
    },
    {
      name: 'wildcard under co.uk with credentials',
      policy: { origin: ['https://*.co.uk'], credentials: true },
      expected: [{ code: 'public-suffix-wildcard-with-credentials', field: 'origin[0]', value: 'https://*.co.uk' }],
    },
    {
      name: 'wildcard under github.io (private suffix) with credentials',
      policy: { origin: ['https://app.example.com', 'https://*.github.io'], credentials: true },
      expected: [{ code: 'public-suffix-wildcard-with-credentials', field: 'origin[1]', value: 'https://*.github.io' }],
    },
    {
      name: 'insecure and public suffix at once',
      policy: { origin: 'http://*.com', credentials: true },
      expected: [
        { code: 'insecure-origin-with-credentials', field: 'origin', value: 'http://*.com' },
        { code: 'public-suffix-wildcard-with-credentials', field: 'origin', value: 'http://*.com' },
      ],
    },
    {
      name: 'insecure allowed by opt-in, public suffix still reported',
      policy: { origin: 'http://*.com', credentials: true, dangerouslyAllowInsecureOriginsWithCredentials: true },
      expected: [{ code: 'public-suffix-wildcard-with-credentials', field: 'origin', value: 'http://*.com' }],
    },
  ])('$name', ({ policy, expected }) => {
    expect(summary(validateCombination(policy))).toEqual(expected);
  });

  it.each<{ name: string; policy: CorsPolicyOptions }>([
    { name: 'empty', policy: {} },
    { name: "'*' without credentials", policy: { origin: '*', exposedHeaders: '*' } },
    { name: 'credentials false', policy: { origin: '*', credentials: false } },
    { name: 'http origin without credentials', policy: { origin: 'http://app.example.com' } },
    { name: 'public suffix wildcard without credentials', policy: { origin: 'https://*.com' } },
    { name: 'https origins with credentials', policy: { origin: ['https://app.example.com', 'https://*.example.com', 'https://*.example.co.uk'], credentials: true } },
    { name: 'localhost over http with credentials', policy: { origin: ['http://localhost:3000', 'http://localhost:*', 'http://app.localhost'], credentials: true } },
    { name: 'loopback addresses over http with credentials', policy: { origin: ['http://127.0.0.1:8080', 'http://[::1]:3000', 'http://[::1]:*'], credentials: true } },
    { name: 'subdomains of localhost with credentials', policy: { origin: 'http://*.localhost', credentials: true } },
    { name: 'insecure origins with the opt-in', policy: { origin: ['http://app.example.com', 'http://*.example.com'], credentials: true, dangerouslyAllowInsecureOriginsWithCredentials: true } },
    { name: 'public suffix wildcard with the opt-in', policy: { origin: ['https://*.github.io'], credentials: true, dangerouslyAllowPublicSuffixWildcards: true } },
    { name: 'RegExp and function origins with credentials', policy: { origin: [/^http:\/\/a\.example\.com$/], credentials: true } },
    { name: 'origin function with credentials', policy: { origin: () => true, credentials: true } },
    { name: 'invalid entries are left to validatePolicyFields', policy: { origin: ['null', 'http://a.example.com/'], credentials: true } },
    { name: 'exposed header list with credentials', policy: { origin: 'https://a.example.com', credentials: true, exposedHeaders: ['X-Total'] } },
  ])('no problem: $name', ({ policy }) => {
    expect(validateCombination(policy)).toEqual([]);
  });
});

describe('isAnchoredRegExp', () => {
  it.each<[RegExp, boolean]>([
    [/^https:\/\/a\.example\.com$/, true],
    [/^(?:a|b)$/, true],
    [/^(a|b)$/, true],
    [/^https:\/\/(?:a|b)\.example\.com$/, true],
    [/^[|]$/, true],
    [/^[\]|]$/, true],
    [/^a\|b$/, true],
    [/^a\\$/, true],
    [/^a$/i, true],
    [/^a|b$/, false],
    [/^a\$/, false],
    [/^a\\\$/, false],
    [/^(a)|(b)$/, false],
    [/^a$|^b$/, false],
    [/^\(|\)$/, false],
    [/^\\|a$/, false],
    [/^[(]a|b$/, false],
    [new RegExp('^[]|a$'), false], // an empty class, then a top-level alternation
    [/a$/, false],
    [/^a/, false],
    [/example\.com/, false],
    [/(?:)/, false],
  ])('%s -> %s', (regexp, expected) => {
    expect(isAnchoredRegExp(regexp)).toBe(expected);
  });
});

describe('closestName', () => {
  it.each<{ name: string; known: readonly string[]; expected: string | undefined }>([
    { name: 'orgin', known: POLICY_FIELDS, expected: 'origin' },
    { name: 'origns', known: POLICY_FIELDS, expected: 'origin' },
    { name: 'credential', known: POLICY_FIELDS, expected: 'credentials' },
    { name: 'maxage', known: POLICY_FIELDS, expected: 'maxAge' },
    { name: 'MAXAGE', known: POLICY_FIELDS, expected: 'maxAge' },
    { name: 'max_age', known: POLICY_FIELDS, expected: 'maxAge' },
    { name: 'allowedHeader', known: POLICY_FIELDS, expected: 'allowedHeaders' },
    { name: 'exposeHeaders', known: POLICY_FIELDS, expected: 'exposedHeaders' },
    { name: 'method', known: POLICY_FIELDS, expected: 'methods' },
    { name: 'methods', known: POLICY_FIELDS, expected: 'methods' },
    { name: 'debg', known: MODULE_FIELDS, expected: 'debug' },
    { name: 'polices', known: MODULE_FIELDS, expected: 'policies' },
    { name: 'zzzzzzzzzz', known: POLICY_FIELDS, expected: undefined },
    { name: 'cors', known: POLICY_FIELDS, expected: undefined },
    { name: '', known: POLICY_FIELDS, expected: undefined },
    { name: 'anything', known: [], expected: undefined },
    { name: 'ab', known: ['a', 'abc'], expected: 'a' },
    { name: 'abcd', known: ['xyzw'], expected: undefined },
  ])('$name -> $expected', ({ name, known, expected }) => {
    expect(closestName(name, known)).toBe(expected);
  });
});
