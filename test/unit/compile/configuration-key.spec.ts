import { describe, expect, it } from '@jest/globals';
import { compileCorsTable } from '../../../lib/internal/compile/compile-cors-table.js';
import type { CompiledPolicy } from '../../../lib/internal/policy/compiled-policy.js';
import type { CorsMetadata } from '../../../lib/internal/policy/cors-metadata.js';
import type { GatewayFacts, RouteFacts } from '../../../lib/internal/table/cors-table.js';
import type { CorsModuleOptions } from '../../../lib/interfaces/cors-module-options.interface.js';
import { EXPRESS_FACTS, classNamed, gatewayFacts, inline, named } from '../support/compile-facts.js';

const APP = 'https://app.example.com';
const ADMIN = 'https://admin.example.com';

const platform = EXPRESS_FACTS;
const ItemsController = classNamed('ItemsController');
const AdminController = classNamed('AdminController');

const on: CorsMetadata = { disabled: false };
const off: CorsMetadata = { disabled: true };

/** A `GET` route; its handler is its own function, as a controller method would be. */
function route(path: string, fields: Partial<RouteFacts> = {}): RouteFacts {
  const controller = fields.controller ?? ItemsController;
  return {
    method: 'GET',
    path,
    controller,
    handlerName: `get${path.replace(/\W/g, '_')}`,
    handler: function () {},
    controllerMetadata: undefined,
    handlerMetadata: undefined,
    headerDecorators: [],
    takesResponse: false,
    ...fields,
  };
}

function gateway(name: string, metadata?: CorsMetadata): GatewayFacts {
  return gatewayFacts(classNamed(name), { namespace: name, metadata });
}

interface Case {
  options: CorsModuleOptions;
  routes?: RouteFacts[];
  gateways?: GatewayFacts[];
  /** Endpoints that share one compiled policy: `GET /a`, `paths['/p']`, `Chat` (a gateway). */
  shared: string[][];
}

/** Every endpoint with a policy, grouped by the compiled policy it holds. */
function sharing({ options, routes = [], gateways = [] }: Case): string[][] {
  const result = compileCorsTable(options, routes, platform, { gateways, decorated: [], adapter: 'socket.io' });
  if (!result.table) throw new Error(`unexpected problems: ${JSON.stringify(result.problems)}`);
  const { table } = result;
  const endpoints: Array<[string, CompiledPolicy | undefined]> = [
    ...table.routes.map((r): [string, CompiledPolicy | undefined] => [`${r.method} ${r.path}`, r.policy]),
    ...table.paths.map((p): [string, CompiledPolicy | undefined] => [p.label, p.policy]),
    ...table.gateways.map((g): [string, CompiledPolicy | undefined] => [g.label, g.policy]),
  ];
  const groups = new Map<CompiledPolicy, string[]>();
  for (const [name, policy] of endpoints) {
    if (!policy) continue;
    const group = groups.get(policy);
    if (group) group.push(name);
    else groups.set(policy, [name]);
  }
  return [...groups.values()];
}

describe('one configuration key for routes, paths entries and gateways', () => {
  const opts = { origin: [ADMIN] };
  it.each<[string, Case]>([
    [
      'the module defaults with methods: a route, a paths entry (true) and a gateway share one',
      {
        options: { origin: [APP], methods: ['GET', 'POST'], paths: { '/graphql': true } },
        routes: [route('/a'), route('/b', { controllerMetadata: on })],
        gateways: [gateway('Chat')],
        shared: [['GET /a', 'GET /b', "paths['/graphql']", 'Chat']],
      },
    ],
    [
      'a named policy with methods: on controllers, handlers, a paths entry, a gateway and websockets.policy, one',
      {
        options: { origin: [APP], policies: { admins: { origin: [ADMIN], methods: ['GET'] } }, paths: { '/admin/*': 'admins' }, websockets: { policy: 'admins' } },
        routes: [
          route('/a', { handlerMetadata: named('admins') }),
          route('/b', { controller: AdminController, controllerMetadata: named('admins') }),
          route('/c', { controllerMetadata: named('admins'), handlerMetadata: named('admins') }),
        ],
        gateways: [gateway('Chat', named('admins')), gateway('Feed')],
        shared: [['GET /a', 'GET /b', 'GET /c', "paths['/admin/*']", 'Chat', 'Feed']],
      },
    ],
    [
      'the module defaults without methods: each kind allows other methods, so one each',
      {
        options: { origin: [APP], paths: { '/graphql': true } },
        routes: [route('/a')],
        gateways: [gateway('Chat')],
        shared: [['GET /a'], ["paths['/graphql']"], ['Chat']],
      },
    ],
    [
      'a named policy without methods: one per kind too',
      {
        options: { origin: [APP], policies: { admins: { origin: [ADMIN] } }, paths: { '/admin': 'admins' } },
        routes: [route('/a', { handlerMetadata: named('admins') })],
        gateways: [gateway('Chat', named('admins'))],
        shared: [['GET /a'], ["paths['/admin']"], ['Chat']],
      },
    ],
    [
      'different named policies: one each',
      {
        options: { origin: [APP], methods: ['GET'], policies: { a: { maxAge: 1 }, b: { maxAge: 2 } }, paths: { '/p': 'a' } },
        routes: [route('/a', { handlerMetadata: named('a') }), route('/b', { handlerMetadata: named('b') })],
        gateways: [gateway('Chat', named('b'))],
        shared: [['GET /a', "paths['/p']"], ['GET /b', 'Chat']],
      },
    ],
    [
      '@Cors(false) undone by a closer @Cors() is the module defaults; paths false has no policy',
      {
        options: { origin: [APP], methods: ['GET'], paths: { '/off': false } },
        routes: [route('/a'), route('/b', { controllerMetadata: off, handlerMetadata: on }), route('/c', { handlerMetadata: off })],
        gateways: [gateway('Chat', on)],
        shared: [['GET /a', 'GET /b', 'Chat']],
      },
    ],
    [
      'one inline options object where it is written: its routes share, other places have their own (log lines name each)',
      {
        options: { origin: [APP], methods: ['GET'], paths: { '/p': opts } },
        routes: [
          route('/a', { controller: AdminController, controllerMetadata: inline(opts) }),
          route('/b', { controller: AdminController, controllerMetadata: inline(opts) }),
          route('/c', { handlerMetadata: inline(opts) }),
        ],
        gateways: [gateway('Chat', inline(opts))],
        shared: [['GET /a', 'GET /b'], ['GET /c'], ["paths['/p']"], ['Chat']],
      },
    ],
    [
      'inline options over a named policy are their own configuration',
      {
        options: { origin: [APP], methods: ['GET'], policies: { a: { maxAge: 1 } }, paths: { '/p': 'a' } },
        routes: [route('/a', { handlerMetadata: named('a') }), route('/b', { handlerMetadata: { disabled: false, policyName: 'a', options: { maxAge: 9 } } })],
        shared: [['GET /a', "paths['/p']"], ['GET /b']],
      },
    ],
  ])('%s', (_name, testCase) => {
    expect(sharing(testCase)).toEqual(testCase.shared);
  });

  it('a shared policy describes its origins once, for every kind: policy "admins"', () => {
    const result = compileCorsTable(
      { origin: [APP], policies: { admins: { origin: [ADMIN], methods: ['GET'] } }, paths: { '/admin': 'admins' } },
      [route('/a', { handlerMetadata: named('admins') })],
      platform,
      { gateways: [gateway('Chat', named('admins'))], decorated: [], adapter: 'socket.io' },
    );
    const table = result.table!;
    expect(table.paths[0]!.policy).toBe(table.routes[0]!.policy);
    expect(table.paths[0]!.effective).toBe(table.routes[0]!.effective);
    expect(table.gateways[0]!.policy!.originsFrom).toBe('policy "admins"');
  });

  it('inline origins are described where they are written', () => {
    const result = compileCorsTable(
      { origin: [APP], paths: { '/p': { origin: [ADMIN] } } },
      [route('/a', { controllerMetadata: inline({ origin: [ADMIN] }) }), route('/b', { handlerMetadata: inline({ origin: [ADMIN] }) })],
      platform,
      { gateways: [gateway('Chat', inline({ origin: [ADMIN] }))], decorated: [], adapter: 'socket.io' },
    );
    const table = result.table!;
    expect([...table.routes, ...table.paths, ...table.gateways].map((e) => e.policy!.originsFrom)).toEqual([
      '@Cors() on ItemsController',
      '@Cors() on ItemsController.get_b',
      "paths['/p']",
      '@Cors() on Chat',
    ]);
  });
});
