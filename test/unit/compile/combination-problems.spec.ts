import { describe, expect, it } from '@jest/globals';
import type { Type } from '@nestjs/common';
import { compileCorsTable } from '../../../lib/internal/compile/compile-cors-table.js';
import type { CorsConfigurationProblem } from '../../../lib/errors/cors-configuration.error.js';
import type { CorsModuleOptions } from '../../../lib/interfaces/cors-module-options.interface.js';
import type { CorsMetadata } from '../../../lib/internal/policy/cors-metadata.js';
import type { GatewayFacts, RouteFacts } from '../../../lib/internal/table/cors-table.js';
import { EXPRESS_FACTS, classNamed, gatewayFacts, inline, named } from '../support/compile-facts.js';

const APP = 'https://app.example.com';
const WILDCARD = "browsers refuse credentials with Access-Control-Allow-Origin: *; list the origins, or drop credentials";
const INSECURE = 'anyone on the network path can inject script into an http: origin and read credentialed responses; use "https://legacy.example.com" (or set dangerouslyAllowInsecureOriginsWithCredentials)';

const ItemsController = classNamed('ItemsController');

/** A route of ItemsController: `GET /items/<handler>`, with the given decorators. */
function route(handlerName: string, handlerMetadata?: CorsMetadata, controllerMetadata?: CorsMetadata): RouteFacts {
  return {
    method: 'GET',
    path: `/items/${handlerName}`,
    controller: ItemsController as Type,
    handlerName,
    handler: () => undefined,
    controllerMetadata,
    handlerMetadata,
    headerDecorators: [],
    takesResponse: false,
  };
}

function problemsOf(options: CorsModuleOptions, routes: RouteFacts[], gateways: GatewayFacts[] = []): CorsConfigurationProblem[] {
  const result = compileCorsTable(options, routes, EXPRESS_FACTS, { gateways, decorated: [], adapter: gateways.length > 0 ? 'socket.io' : undefined });
  return result.problems;
}

/** `{ location, route?, message }` of each problem, in order. */
const placed = (problems: CorsConfigurationProblem[]) => problems.map(({ location, route, message }) => ({ location, ...(route ? { route } : {}), message }));

describe('combination problems: reported once, where they first appear, naming what was inherited', () => {
  it.each<[string, CorsModuleOptions, RouteFacts[], GatewayFacts[], ReturnType<typeof placed>]>([
    [
      "a paths entry's origin '*' under credentialed defaults: at the entry, credentials named as inherited",
      { origin: [APP], credentials: true, paths: { '/assets/*': { origin: '*' } } },
      [],
      [],
      [{ location: "paths['/assets/*']", route: '/assets/*', message: `${WILDCARD}; credentials: true inherited from the module defaults; set credentials: false in paths['/assets/*'] to override` }],
    ],
    [
      "a handler's origin '*' under credentialed defaults",
      { origin: [APP], credentials: true },
      [route('open', inline({ origin: '*' }))],
      [],
      [{ location: 'ItemsController.open', route: 'GET /items/open', message: `${WILDCARD}; credentials: true inherited from the module defaults; set credentials: false in @Cors() on ItemsController.open to override` }],
    ],
    [
      "a handler's origin '*' under a controller's named policy with credentials",
      { origin: [APP], policies: { partners: { origin: [APP], credentials: true } } },
      [route('open', inline({ origin: '*' }), named('partners'))],
      [],
      [{ location: 'ItemsController.open', route: 'GET /items/open', message: `${WILDCARD}; credentials: true inherited from policy "partners"; set credentials: false in @Cors() on ItemsController.open to override` }],
    ],
    [
      "credentials on a handler under the module defaults' origin '*': origin named as inherited",
      { origin: '*' },
      [route('mine', inline({ credentials: true }))],
      [],
      [{ location: 'ItemsController.mine', route: 'GET /items/mine', message: `${WILDCARD}; origin "*" inherited from the module defaults; set origin in @Cors() on ItemsController.mine to override` }],
    ],
    [
      "a controller's origin '*' is reported at the controller for all its routes, also under a handler's own @Cors()",
      { origin: [APP], credentials: true },
      [route('a', undefined, inline({ origin: '*' })), route('b', inline({ maxAge: 5 }), inline({ origin: '*' }))],
      [],
      [{ location: 'ItemsController', route: 'GET /items/a, GET /items/b', message: `${WILDCARD}; credentials: true inherited from the module defaults; set credentials: false in @Cors() on ItemsController to override` }],
    ],
    [
      'a policy named beside inline options is not "inherited": no clause',
      { origin: [APP], policies: { partners: { origin: [APP], credentials: true } } },
      [route('open', { disabled: false, policyName: 'partners', options: { origin: '*' } })],
      [],
      [{ location: 'ItemsController.open', route: 'GET /items/open', message: WILDCARD }],
    ],
    [
      'two named policies that are fine alone, unsafe together: at the closer one, the other named',
      { origin: [APP], policies: { open: { origin: '*' }, partners: { origin: [APP], credentials: true } } },
      [route('mixed', named('open'), named('partners'))],
      [],
      [{ location: 'ItemsController.mixed', route: 'GET /items/mixed', message: `${WILDCARD}; credentials: true inherited from policy "partners"; set credentials: false in @Cors() on ItemsController.mixed to override` }],
    ],
    [
      "a gateway's origin '*' under websockets.policy with credentials",
      { origin: [APP], policies: { realtime: { origin: [APP], credentials: true } }, websockets: { policy: 'realtime' } },
      [],
      [gatewayFacts(classNamed('ChatGateway'), { metadata: inline({ origin: '*' }) })],
      [{ location: 'ChatGateway', route: 'gateway ChatGateway', message: `${WILDCARD}; credentials: true inherited from policy "realtime"; set credentials: false in @Cors() on ChatGateway to override` }],
    ],
    [
      "an http: origin in the module defaults, credentials on a handler: the origin is named",
      { origin: ['http://legacy.example.com'] },
      [route('legacy', inline({ credentials: true }))],
      [],
      [
        {
          location: 'ItemsController.legacy',
          route: 'GET /items/legacy',
          message: `${INSECURE}; origin "http://legacy.example.com" inherited from the module defaults; set origin in @Cors() on ItemsController.legacy to override`,
        },
      ],
    ],
  ])('%s', (_title, options, routes, gateways, expected) => {
    expect(placed(problemsOf(options, routes, gateways))).toEqual(expected);
  });
});

describe('combination problems: one start reports every problem, each once', () => {
  it('a broken named policy and a broken route: both, the policy at policies.NAME with what it inherits, routes using the policy not again', () => {
    const problems = problemsOf({ origin: [APP], credentials: true, policies: { open: { origin: '*' } } }, [
      route('viaPolicy', named('open')),
      route('own', inline({ origin: '*' })),
      route('overrides', { disabled: false, policyName: 'open', options: { credentials: false } }),
    ]);
    expect(placed(problems)).toEqual([
      { location: 'policies.open', message: `${WILDCARD}; credentials: true inherited from the module defaults; set credentials: false in policies.open to override` },
      { location: 'ItemsController.own', route: 'GET /items/own', message: `${WILDCARD}; credentials: true inherited from the module defaults; set credentials: false in @Cors() on ItemsController.own to override` },
    ]);
  });

  it('a named policy\'s problem does not hide the same problem written again on a route', () => {
    const problems = problemsOf({ origin: [APP], credentials: true, policies: { legacy: { origin: 'http://legacy.example.com', maxAge: -1 } } }, [
      route('legacy', named('legacy')),
      route('own', inline({ origin: 'http://legacy.example.com' })),
    ]);
    expect(problems.map((p) => [p.code, p.location, p.route])).toEqual([
      ['invalid-max-age', 'policies.legacy', undefined],
      ['insecure-origin-with-credentials', 'policies.legacy', undefined],
      ['insecure-origin-with-credentials', 'ItemsController.own', 'GET /items/own'],
    ]);
  });

  it('a combination only the module defaults make is reported at the module options, not again at each policy or route', () => {
    const problems = problemsOf({ origin: '*', credentials: true, policies: { slow: { maxAge: 60 } } }, [route('a', named('slow')), route('b')]);
    expect(placed(problems)).toEqual([{ location: 'CorsModule options', message: WILDCARD }]);
  });

  it("a policy's credentials that are not a boolean are a field problem only, not also a combination", () => {
    const problems = problemsOf({ origin: '*', policies: { odd: { credentials: 'yes' } } } as unknown as CorsModuleOptions, [route('a', named('odd'))]);
    expect(problems.map((p) => [p.code, p.location, p.field])).toEqual([['invalid-type', 'policies.odd', 'credentials']]);
  });
});
