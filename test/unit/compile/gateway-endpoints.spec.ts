import { describe, expect, it } from '@jest/globals';
import { compileCorsTable } from '../../../lib/internal/compile/compile-cors-table.js';
import { namespaceKey } from '../../../lib/internal/routing/namespace-key.js';
import type { GatewayFacts, WebSocketFacts } from '../../../lib/internal/table/cors-table.js';
import type { CorsMetadata } from '../../../lib/internal/policy/cors-metadata.js';
import type { CorsModuleOptions } from '../../../lib/interfaces/cors-module-options.interface.js';
import { EXPRESS_FACTS, classNamed, gatewayFacts, inline, named } from '../support/compile-facts.js';

const APP = 'https://app.example.com';
const ADMIN = 'https://admin.example.com';

const platform = EXPRESS_FACTS;
const ChatGateway = classNamed('ChatGateway');
const AdminGateway = classNamed('AdminGateway');
const gateway = gatewayFacts;

function build(options: CorsModuleOptions, gateways: GatewayFacts[], facts: Partial<WebSocketFacts> = {}) {
  return compileCorsTable(options, [], platform, { gateways, decorated: [], adapter: 'socket.io', ...facts });
}

function table(options: CorsModuleOptions, gateways: GatewayFacts[], facts: Partial<WebSocketFacts> = {}) {
  const result = build(options, gateways, facts);
  if (!result.table) throw new Error(`unexpected problems: ${JSON.stringify(result.problems)}`);
  return result.table;
}

describe('gateway policies: the merge', () => {
  const options: CorsModuleOptions = {
    origin: [APP],
    maxAge: 60,
    policies: { admins: { origin: [ADMIN], credentials: true }, realtime: { origin: [APP, ADMIN], maxAge: 5 } },
  };

  it.each<[string, CorsModuleOptions, CorsMetadata | undefined, object | undefined]>([
    ['no @Cors(): the module defaults', options, undefined, { origin: 'module', maxAge: 'module' }],
    ['no @Cors(), websockets.policy: that policy over the defaults', { ...options, websockets: { policy: 'realtime' } }, undefined, { origin: 'policy:realtime', maxAge: 'policy:realtime' }],
    ["@Cors('admins'): the named policy", options, named('admins'), { origin: 'policy:admins', credentials: 'policy:admins', maxAge: 'module' }],
    ["@Cors('admins') over websockets.policy: the closest wins field by field", { ...options, websockets: { policy: 'realtime' } }, named('admins'), { origin: 'policy:admins', credentials: 'policy:admins', maxAge: 'policy:realtime' }],
    ['@Cors({ maxAge }): inline over the defaults', options, inline({ maxAge: 1 }), { origin: 'module', maxAge: 'gateway' }],
    ['@Cors(false): no CORS', { ...options, websockets: { policy: 'realtime' } }, { disabled: true }, undefined],
    ['no origin anywhere: no CORS', {}, undefined, undefined],
  ])('%s', (_name, moduleOptions, metadata, sources) => {
    const [built] = table(moduleOptions, [gateway(ChatGateway, { metadata })]).gateways;
    expect(built!.effective?.sources).toEqual(sources);
    expect(built!.policy === undefined).toBe(sources === undefined);
  });

  it("methods default to engine.io's GET and POST, unless the policy sets them", () => {
    const built = table({ origin: [APP], policies: { p: { methods: ['GET'] } } }, [gateway(ChatGateway), gateway(AdminGateway, { metadata: named('p') })]).gateways;
    expect(built.map((g) => g.effective?.options.methods)).toEqual([['GET', 'POST'], ['GET']]);
    expect(built.map((g) => [...(g.policy?.methods ?? [])])).toEqual([['GET', 'POST'], ['GET']]);
  });

  it('gateways without @Cors() share one compiled policy; one with inline options has its own', () => {
    const built = table({ origin: [APP] }, [gateway(ChatGateway), gateway(AdminGateway), gateway(classNamed('X'), { metadata: inline({ maxAge: 1 }) })]).gateways;
    expect(built[0]!.policy).toBe(built[1]!.policy);
    expect(built[2]!.policy).not.toBe(built[0]!.policy);
  });

  it('runtime origins of the policy named by websockets.policy reach its gateways', () => {
    const built = table({ origin: [APP], policies: { realtime: { origin: [] } }, websockets: { policy: 'realtime' } }, [gateway(ChatGateway)]);
    built.runtimeOrigins.get('realtime')!.addExact(ADMIN);
    expect(built.gateways[0]!.policy!.matcher.matches(ADMIN)).toBe(true);
    expect(built.gateways[0]!.effective!.runtimeOriginsFrom).toBe('realtime');
  });
});

describe('gateway policies: where they are found', () => {
  it.each<[unknown, unknown]>([
    [undefined, '/'],
    ['', '/'],
    ['/', '/'],
    ['chat', '/chat'],
    ['/chat', '/chat'],
  ])('namespace %j is %j', (namespace, expected) => {
    expect(namespaceKey(namespace)).toBe(expected);
  });

  it('RegExp and function namespaces are kept as they are (socket.io compares them by identity)', () => {
    const regexp = /^\/tenant-\d+$/;
    const fn = () => true;
    const built = table({ origin: [APP] }, [gateway(ChatGateway, { namespace: regexp, port: 4001, path: '/rt' }), gateway(AdminGateway, { namespace: fn })]).gateways;
    expect(built.map((g) => [g.namespace, g.port, g.path, g.label])).toEqual([
      [regexp, 4001, '/rt', 'ChatGateway'],
      [fn, 0, undefined, 'AdminGateway'],
    ]);
  });
});

describe('gateway policies: settings and problems', () => {
  it('the websockets settings, with their defaults', () => {
    expect(table({}, []).settings.websockets).toEqual({ requireOrigin: false, sameOrigin: true, trustForwardedHeaders: false, closeOnRevoke: false, adapter: 'socket.io' });
    expect(table({ websockets: { requireOrigin: true, sameOrigin: false } }, [], { adapter: 'ws' }).settings.websockets).toMatchObject({ requireOrigin: true, sameOrigin: false, adapter: 'ws' });
  });

  it.each<[string, CorsModuleOptions, GatewayFacts[], Partial<WebSocketFacts>, Array<[string, string, string]>]>([
    ['websockets is not an object', { websockets: true as never }, [], {}, [['invalid-type', 'websockets', 'CorsModule options']]],
    ['an unknown websockets option', { websockets: { requireOrgin: true } as never }, [], {}, [['unknown-option', 'websockets.requireOrgin', 'CorsModule options']]],
    ['a websockets option that is not a boolean', { websockets: { sameOrigin: 'no' } as never }, [], {}, [['invalid-type', 'websockets.sameOrigin', 'CorsModule options']]],
    ['an unknown websockets.policy', { origin: APP, websockets: { policy: 'nope' } }, [], {}, [['unknown-policy', 'websockets.policy', 'CorsModule options']]],
    ['an unknown @Cors() name on a gateway', { origin: APP }, [gateway(ChatGateway, { metadata: named('nope') })], {}, [['unknown-policy', '@Cors(policyName)', 'ChatGateway']]],
    ['@Cors() on a gateway method', { origin: APP }, [gateway(ChatGateway, { decoratedMethods: ['echo'] })], {}, [['cors-on-non-route', '@Cors()', 'ChatGateway.echo']]],
    ['@Cors() on a gateway with a foreign adapter', { origin: APP }, [gateway(ChatGateway, { metadata: named('nope') })], { adapter: 'other' }, [['unknown-policy', '@Cors(policyName)', 'ChatGateway'], ['unenforced-gateway-policy', '@Cors()', 'ChatGateway']]],
    ['the websockets option with a foreign adapter', { origin: APP, websockets: {} }, [gateway(ChatGateway)], { adapter: 'other' }, [['unenforced-gateway-policy', 'websockets', 'CorsModule options']]],
    [
      '@Cors() on other providers: class and methods',
      { origin: APP },
      [],
      { decorated: [{ provider: classNamed('ItemsResolver'), onClass: true, methods: ['items'] }] },
      [['cors-on-non-route', '@Cors()', 'ItemsResolver'], ['cors-on-non-route', '@Cors()', 'ItemsResolver.items']],
    ],
  ])('%s', (_name, options, gateways, facts, expected) => {
    const result = build(options, gateways, facts);
    expect(result.problems.map((p) => [p.code, p.field, p.location])).toEqual(expected);
  });

  it('a gateway without @Cors() and without the websockets option starts with a foreign adapter (a startup warning, not a problem)', () => {
    expect(build({ origin: APP }, [gateway(ChatGateway)], { adapter: 'other' }).problems).toEqual([]);
  });
});
