import { describe, expect, it } from '@jest/globals';
import { CorsMetadata } from '../../../lib/internal/policy/cors-metadata.js';
import { CorsPolicyOptions } from '../../../lib/interfaces/cors-policy-options.interface.js';
import { DecoratorLevel, EffectivePolicy, resolveRoutePolicy } from '../../../lib/internal/policy/merge-policy.js';

const A = 'https://a.example.com';
const B = 'https://b.example.com';
const C = 'https://c.example.com';
const P = 'https://partner.example.com';

/** What `@Cors(...)` stores, without going through Nest metadata. */
const cors = {
  off: (): CorsMetadata => ({ disabled: true }),
  on: (): CorsMetadata => ({ disabled: false }),
  inline: (options: CorsPolicyOptions): CorsMetadata => ({ disabled: false, options }),
  named: (policyName: string, overrides?: CorsPolicyOptions): CorsMetadata => ({ disabled: false, policyName, options: overrides }),
};

const levels = (controller: CorsMetadata | undefined, handler: CorsMetadata | undefined): DecoratorLevel[] => [
  { level: 'controller', metadata: controller },
  { level: 'handler', metadata: handler },
];

const policies: Record<string, CorsPolicyOptions> = {
  partners: { origin: [P], credentials: true, maxAge: 300, exposedHeaders: ['X-Partner'] },
  noOrigin: { maxAge: 5, methods: ['POST'] },
  disabledOrigin: { origin: false },
};

describe('resolveRoutePolicy: merge table', () => {
  it.each<{
    name: string;
    defaults: CorsPolicyOptions;
    controller?: CorsMetadata;
    handler?: CorsMetadata;
    expected: EffectivePolicy | undefined;
  }>([
    {
      name: 'module defaults only',
      defaults: { origin: [A], credentials: true },
      expected: { options: { origin: [A], credentials: true }, sources: { origin: 'module', credentials: 'module' }, runtimeOriginsFrom: 'default' },
    },
    {
      name: '@Cors() on both levels: module defaults',
      defaults: { origin: [A], maxAge: 10 },
      controller: cors.on(),
      handler: cors.on(),
      expected: { options: { origin: [A], maxAge: 10 }, sources: { origin: 'module', maxAge: 'module' }, runtimeOriginsFrom: 'default' },
    },
    {
      name: 'controller overrides a default',
      defaults: { origin: [A], maxAge: 600 },
      controller: cors.inline({ maxAge: 60 }),
      expected: { options: { origin: [A], maxAge: 60 }, sources: { origin: 'module', maxAge: 'controller' }, runtimeOriginsFrom: 'default' },
    },
    {
      name: 'handler overrides the controller',
      defaults: { origin: [A] },
      controller: cors.inline({ maxAge: 60, methods: ['GET', 'PUT'] }),
      handler: cors.inline({ maxAge: 10 }),
      expected: {
        options: { origin: [A], maxAge: 10, methods: ['GET', 'PUT'] },
        sources: { origin: 'module', maxAge: 'handler', methods: 'controller' },
        runtimeOriginsFrom: 'default',
      },
    },
    {
      name: 'lists replace, they do not union',
      defaults: { origin: [A, B], allowedHeaders: ['x-a'], exposedHeaders: ['X-One'] },
      controller: cors.inline({ origin: [C], allowedHeaders: ['x-b'] }),
      handler: cors.inline({ exposedHeaders: ['X-Two'] }),
      expected: {
        options: { origin: [C], allowedHeaders: ['x-b'], exposedHeaders: ['X-Two'] },
        sources: { origin: 'controller', allowedHeaders: 'controller', exposedHeaders: 'handler' },
        runtimeOriginsFrom: undefined,
      },
    },
    {
      name: 'a list replaces a wildcard and the other way round',
      defaults: { origin: [A], allowedHeaders: '*', exposedHeaders: ['X-One'] },
      handler: cors.inline({ allowedHeaders: ['x-b'], exposedHeaders: '*' }),
      expected: {
        options: { origin: [A], allowedHeaders: ['x-b'], exposedHeaders: '*' },
        sources: { origin: 'module', allowedHeaders: 'handler', exposedHeaders: 'handler' },
        runtimeOriginsFrom: 'default',
      },
    },
    {
      name: 'undefined fields do not override',
      defaults: { origin: [A], maxAge: 600 },
      handler: cors.inline({ origin: undefined, maxAge: undefined, credentials: false }),
      expected: {
        options: { origin: [A], maxAge: 600, credentials: false },
        sources: { origin: 'module', maxAge: 'module', credentials: 'handler' },
        runtimeOriginsFrom: 'default',
      },
    },
    {
      name: 'named policy on the handler',
      defaults: { origin: [A], maxAge: 600, methods: ['GET'] },
      handler: cors.named('partners'),
      expected: {
        options: { origin: [P], credentials: true, maxAge: 300, exposedHeaders: ['X-Partner'], methods: ['GET'] },
        sources: {
          origin: 'policy:partners',
          credentials: 'policy:partners',
          maxAge: 'policy:partners',
          exposedHeaders: 'policy:partners',
          methods: 'module',
        },
        runtimeOriginsFrom: 'partners',
      },
    },
    {
      name: 'named policy, then the overrides beside it',
      defaults: { origin: [A] },
      handler: cors.named('partners', { maxAge: 60, exposedHeaders: [] }),
      expected: {
        options: { origin: [P], credentials: true, maxAge: 60, exposedHeaders: [] },
        sources: { origin: 'policy:partners', credentials: 'policy:partners', maxAge: 'handler', exposedHeaders: 'handler' },
        runtimeOriginsFrom: 'partners',
      },
    },
    {
      name: 'named policy whose origin is overridden inline',
      defaults: { origin: [A] },
      handler: cors.named('partners', { origin: [C] }),
      expected: {
        options: { origin: [C], credentials: true, maxAge: 300, exposedHeaders: ['X-Partner'] },
        sources: { origin: 'handler', credentials: 'policy:partners', maxAge: 'policy:partners', exposedHeaders: 'policy:partners' },
        runtimeOriginsFrom: undefined,
      },
    },
    {
      name: 'named policy on the controller, handler overrides another field',
      defaults: { origin: [A] },
      controller: cors.named('partners'),
      handler: cors.inline({ credentials: false }),
      expected: {
        options: { origin: [P], credentials: false, maxAge: 300, exposedHeaders: ['X-Partner'] },
        sources: { origin: 'policy:partners', credentials: 'handler', maxAge: 'policy:partners', exposedHeaders: 'policy:partners' },
        runtimeOriginsFrom: 'partners',
      },
    },
    {
      name: 'named policy on the controller, handler sets the origin inline',
      defaults: { origin: [A] },
      controller: cors.named('partners'),
      handler: cors.inline({ origin: [B] }),
      expected: {
        options: { origin: [B], credentials: true, maxAge: 300, exposedHeaders: ['X-Partner'] },
        sources: { origin: 'handler', credentials: 'policy:partners', maxAge: 'policy:partners', exposedHeaders: 'policy:partners' },
        runtimeOriginsFrom: undefined,
      },
    },
    {
      name: 'inline origin on the controller, named policy on the handler',
      defaults: { origin: [A] },
      controller: cors.inline({ origin: [B], maxAge: 1 }),
      handler: cors.named('partners'),
      expected: {
        options: { origin: [P], credentials: true, maxAge: 300, exposedHeaders: ['X-Partner'] },
        sources: { origin: 'policy:partners', credentials: 'policy:partners', maxAge: 'policy:partners', exposedHeaders: 'policy:partners' },
        runtimeOriginsFrom: 'partners',
      },
    },
    {
      name: 'named policy without an origin keeps the module origin',
      defaults: { origin: [A], maxAge: 600 },
      handler: cors.named('noOrigin'),
      expected: {
        options: { origin: [A], maxAge: 5, methods: ['POST'] },
        sources: { origin: 'module', maxAge: 'policy:noOrigin', methods: 'policy:noOrigin' },
        runtimeOriginsFrom: 'default',
      },
    },
    {
      name: 'unknown policy name contributes nothing (reported elsewhere); overrides still apply',
      defaults: { origin: [A] },
      handler: cors.named('missing', { maxAge: 7 }),
      expected: { options: { origin: [A], maxAge: 7 }, sources: { origin: 'module', maxAge: 'handler' }, runtimeOriginsFrom: 'default' },
    },
    {
      name: '@Cors(false) on the controller, nothing on the handler',
      defaults: { origin: [A] },
      controller: cors.off(),
      expected: undefined,
    },
    {
      name: '@Cors(false) on the controller, @Cors() on the handler: module defaults',
      defaults: { origin: [A], credentials: true },
      controller: cors.off(),
      handler: cors.on(),
      expected: { options: { origin: [A], credentials: true }, sources: { origin: 'module', credentials: 'module' }, runtimeOriginsFrom: 'default' },
    },
    {
      name: '@Cors(false) on the controller, inline options on the handler',
      defaults: { origin: [A], maxAge: 600 },
      controller: cors.off(),
      handler: cors.inline({ origin: [B] }),
      expected: { options: { origin: [B], maxAge: 600 }, sources: { origin: 'handler', maxAge: 'module' }, runtimeOriginsFrom: undefined },
    },
    {
      name: '@Cors(false) on the controller, named policy on the handler',
      defaults: { origin: [A] },
      controller: cors.off(),
      handler: cors.named('partners'),
      expected: {
        options: { origin: [P], credentials: true, maxAge: 300, exposedHeaders: ['X-Partner'] },
        sources: { origin: 'policy:partners', credentials: 'policy:partners', maxAge: 'policy:partners', exposedHeaders: 'policy:partners' },
        runtimeOriginsFrom: 'partners',
      },
    },
    {
      name: '@Cors(false) on the handler under an enabled controller',
      defaults: { origin: [A] },
      controller: cors.inline({ origin: [B] }),
      handler: cors.off(),
      expected: undefined,
    },
    {
      name: '@Cors(false) on both levels',
      defaults: { origin: [A] },
      controller: cors.off(),
      handler: cors.off(),
      expected: undefined,
    },
    {
      name: 'no origin anywhere: no CORS',
      defaults: { credentials: true, maxAge: 600 },
      controller: cors.inline({ methods: ['GET'] }),
      handler: cors.on(),
      expected: undefined,
    },
    {
      name: 'handler sets origin: false',
      defaults: { origin: [A] },
      handler: cors.inline({ origin: false }),
      expected: undefined,
    },
    {
      name: 'named policy with origin: false',
      defaults: { origin: [A] },
      handler: cors.named('disabledOrigin'),
      expected: undefined,
    },
    {
      name: 'module origin false, handler sets an origin',
      defaults: { origin: false, maxAge: 5 },
      handler: cors.inline({ origin: '*' }),
      expected: { options: { origin: '*', maxAge: 5 }, sources: { origin: 'handler', maxAge: 'module' }, runtimeOriginsFrom: undefined },
    },
    {
      name: 'empty origin list is an origin (runtime origins only)',
      defaults: { origin: [] },
      expected: { options: { origin: [] }, sources: { origin: 'module' }, runtimeOriginsFrom: 'default' },
    },
  ])('$name', ({ defaults, controller, handler, expected }) => {
    const result = resolveRoutePolicy(defaults, policies, levels(controller, handler));
    if (expected === undefined) {
      expect(result).toBeUndefined();
      return;
    }
    expect(result).toBeDefined();
    expect(result!.options).toEqual(expected.options);
    expect(result!.sources).toEqual(expected.sources);
    expect(result!.runtimeOriginsFrom).toBe(expected.runtimeOriginsFrom);
  });

  it.each<{ name: string; levels: DecoratorLevel[]; expected: string | undefined }>([
    { name: 'no decorator levels at all', levels: [], expected: 'default' },
    { name: 'only a handler level', levels: [{ level: 'handler', metadata: cors.named('partners') }], expected: 'partners' },
  ])('runtimeOriginsFrom with $name', ({ levels: given, expected }) => {
    expect(resolveRoutePolicy({ origin: [A] }, policies, given)?.runtimeOriginsFrom).toBe(expected);
  });

  it('does not modify the defaults, the named policies or the decorator options', () => {
    const defaults: CorsPolicyOptions = { origin: [A], maxAge: 600 };
    const named: Record<string, CorsPolicyOptions> = { partners: { origin: [P], credentials: true } };
    const handlerOptions: CorsPolicyOptions = { maxAge: 1 };
    const snapshot = JSON.stringify([defaults, named, handlerOptions]);
    const result = resolveRoutePolicy(defaults, named, levels(cors.named('partners'), cors.inline(handlerOptions)));
    expect(result?.options).toEqual({ origin: [P], credentials: true, maxAge: 1 });
    expect(JSON.stringify([defaults, named, handlerOptions])).toBe(snapshot);
    expect(result?.options).not.toBe(defaults);
  });
});
