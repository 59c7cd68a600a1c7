import type { DecoratedProvider, GatewayFacts, TableGateway, WebSocketAdapterKind } from '../table/cors-table.js';
import { CORS_ADAPTER_HINT } from './adapter-hint.js';
import { namespaceKey } from '../routing/namespace-key.js';
import type { CompiledEndpoint } from './endpoint-pipeline.js';
import type { CheckContext, ConfiguredLevel, EndpointSource } from './endpoint-source.js';
import type { ProblemCollector } from './problem-collector.js';
import { MODULE_LOCATION } from './validate-module-options.js';

/**
 * What a socket.io gateway's polling preflights allow when its policy sets no `methods`: the
 * two methods engine.io's long-polling transport uses.
 */
const GATEWAY_POLICY_METHODS: readonly string[] = ['GET', 'POST'];

const NON_ROUTE_HINT =
  "use the `paths` option for endpoints that are not controller routes (e.g. paths: { '/graphql': ... }), or put it on a @WebSocketGateway";

/**
 * Gateways as the pipeline reads them: `@Cors()` on the gateway class over `websockets.policy`
 * over the module defaults, field by field, as a handler over its controller. `@Cors()` on a
 * gateway's method is a problem, and so is a policy the app's WebSocket adapter would not enforce.
 */
export class GatewayEndpoints implements EndpointSource<GatewayFacts> {
  readonly defaultMethods = GATEWAY_POLICY_METHODS;

  /** `policyName`: `websockets.policy`, when valid; `adapter`: the app's WebSocket adapter. */
  constructor(
    private readonly policyName: string | undefined,
    private readonly adapter: WebSocketAdapterKind,
  ) {}

  check(gateway: GatewayFacts, { collector, checkDecorator }: CheckContext): ConfiguredLevel[] {
    const label = gateway.gateway.name;
    for (const method of gateway.decoratedMethods) {
      collector.add(`${label}.${method}`, [
        {
          code: 'cors-on-non-route',
          field: '@Cors()',
          value: `${label}.${method}`,
          message: "a gateway's policy applies to its connections, not to single messages: put @Cors() on the gateway class",
        },
      ]);
    }
    const metadata = gateway.metadata;
    if (metadata) checkDecorator(metadata, label);
    if (metadata && this.adapter === 'other') {
      collector.add(label, [
        {
          code: 'unenforced-gateway-policy',
          field: '@Cors()',
          value: label,
          message: `the app's WebSocket adapter does not check handshakes for CorsModule, so this policy would not be enforced: ${CORS_ADAPTER_HINT}`,
        },
      ]);
    }
    const policyName = this.policyName;
    return [
      { level: 'gateway', metadata: policyName === undefined ? undefined : { disabled: false, policyName }, location: MODULE_LOCATION, writtenAs: 'option' },
      { level: 'gateway', metadata, location: label, writtenAs: 'decorator' },
    ];
  }

  name(gateway: GatewayFacts): string {
    return `gateway ${gateway.gateway.name}`;
  }

  /** The compiled gateways, in discovery order. */
  table(compiled: readonly CompiledEndpoint<GatewayFacts>[]): TableGateway[] {
    return compiled.map(({ facts, effective, policy }) => ({
      gateway: facts.gateway,
      port: facts.port,
      path: facts.path,
      namespace: namespaceKey(facts.namespace),
      label: facts.gateway.name,
      policy,
      effective,
    }));
  }
}

/** `@Cors()` on a provider that is neither a controller nor a gateway does nothing: each place is a problem. */
export function checkDecoratedProviders(decorated: readonly DecoratedProvider[], collector: ProblemCollector): void {
  for (const { provider, onClass, methods } of decorated) {
    const places = [...(onClass ? [provider.name] : []), ...methods.map((m) => `${provider.name}.${m}`)];
    for (const location of places) {
      collector.add(location, [{ code: 'cors-on-non-route', field: '@Cors()', value: provider.name, message: `${location} is neither a controller nor a gateway, so @Cors() does nothing here: ${NON_ROUTE_HINT}` }]);
    }
  }
}
