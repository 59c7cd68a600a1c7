import type { CorsWebSocketOptions } from '../../interfaces/cors-module-options.interface.js';
import type { CorsPolicyOptions } from '../../interfaces/cors-policy-options.interface.js';
import { closestName } from '../policy/closest-name.js';
import { DecoratorLevel, EffectivePolicy, resolveRoutePolicy, withDefaultMethods } from '../policy/merge-policy.js';
import { validateCombination } from '../policy/validate-combination.js';
import { type FieldProblem, isPlainObject } from '../policy/validate-policy-options.js';
import type { GatewayFacts, TableGateway, WebSocketFacts, WebSocketSettings } from '../table/cors-table.js';
import type { PolicyCompiler } from './policy-compiler.js';
import type { ProblemCollector } from './problem-collector.js';
import { MODULE_LOCATION, validateDecorator } from './validate-configuration.js';
import { CORS_ADAPTER_HINT } from './adapter-hint.js';
import { namespaceKey } from '../routing/namespace-key.js';

/**
 * What a socket.io gateway's polling preflights allow when its policy sets no `methods`: the
 * two methods engine.io's long-polling transport uses.
 */
export const GATEWAY_POLICY_METHODS: readonly string[] = ['GET', 'POST'];

const BOOLEAN_OPTIONS = ['requireOrigin', 'sameOrigin', 'trustForwardedHeaders', 'closeOnRevoke'] as const;
const KNOWN_OPTIONS: readonly string[] = ['policy', ...BOOLEAN_OPTIONS];

const NON_ROUTE_HINT =
  "use the `paths` option for endpoints that are not controller routes (e.g. paths: { '/graphql': ... }), or put it on a @WebSocketGateway";

/** A gateway, validated and merged: the input of compilation. */
export interface CheckedGateway {
  readonly facts: GatewayFacts;
  readonly effective: EffectivePolicy | undefined;
  /** Gateways with the same key share one compiled policy. */
  readonly key: string;
}

/** Validates the `websockets` module option; returns its settings with their defaults. */
export function checkWebSocketOptions(
  value: unknown,
  adapter: WebSocketFacts['adapter'],
  policies: Readonly<Record<string, CorsPolicyOptions>>,
  collector: ProblemCollector,
): { settings: WebSocketSettings; policyName: string | undefined } {
  const problems: FieldProblem[] = [];
  const options: CorsWebSocketOptions = isPlainObject(value) ? value : {};
  if (value !== undefined && !isPlainObject(value)) {
    problems.push({ code: 'invalid-type', field: 'websockets', value, message: 'expected { policy?, requireOrigin?, sameOrigin?, trustForwardedHeaders?, closeOnRevoke? }' });
  }
  for (const key of Object.keys(options)) {
    if (KNOWN_OPTIONS.includes(key)) continue;
    const suggestion = closestName(key, KNOWN_OPTIONS);
    problems.push({
      code: 'unknown-option',
      field: `websockets.${key}`,
      value: (options as Record<string, unknown>)[key],
      message: suggestion ? `unknown option: did you mean "${suggestion}"?` : `unknown option; expected one of ${KNOWN_OPTIONS.join(', ')}`,
    });
  }
  for (const key of BOOLEAN_OPTIONS) {
    if (options[key] !== undefined && typeof options[key] !== 'boolean') {
      problems.push({ code: 'invalid-type', field: `websockets.${key}`, value: options[key], message: 'expected true or false' });
    }
  }
  let policyName: string | undefined;
  if (options.policy !== undefined) {
    const found = validateDecorator({ disabled: false, policyName: options.policy }, policies);
    problems.push(...found.map((problem) => ({ ...problem, field: 'websockets.policy' })));
    if (found.length === 0) policyName = options.policy;
  }
  if (value !== undefined && adapter === 'other') {
    problems.push({
      code: 'unenforced-gateway-policy',
      field: 'websockets',
      value,
      message: `the app's WebSocket adapter does not check handshakes for CorsModule, so these options would do nothing: ${CORS_ADAPTER_HINT}`,
    });
  }
  collector.add(MODULE_LOCATION, problems);
  return {
    policyName,
    settings: {
      requireOrigin: options.requireOrigin === true,
      sameOrigin: options.sameOrigin !== false,
      trustForwardedHeaders: options.trustForwardedHeaders === true,
      closeOnRevoke: options.closeOnRevoke === true,
      adapter,
    },
  };
}

/**
 * Validates `@Cors()` outside controllers and merges each gateway's policy: `@Cors()` on the
 * gateway class over `websockets.policy` over the module defaults, field by field, as a handler
 * over its controller. `@Cors()` on any other provider, or on a gateway's method, is a problem.
 */
export function checkGateways(
  facts: WebSocketFacts,
  policyName: string | undefined,
  defaults: CorsPolicyOptions,
  policies: Readonly<Record<string, CorsPolicyOptions>>,
  collector: ProblemCollector,
): CheckedGateway[] {
  for (const { provider, onClass, methods } of facts.decorated) {
    const places = [...(onClass ? [provider.name] : []), ...methods.map((m) => `${provider.name}.${m}`)];
    for (const location of places) {
      collector.add(location, [{ code: 'cors-on-non-route', field: '@Cors()', value: provider.name, message: `${location} is neither a controller nor a gateway, so @Cors() does nothing here: ${NON_ROUTE_HINT}` }]);
    }
  }
  return facts.gateways.map((gateway, index): CheckedGateway => {
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
    if (metadata) collector.add(label, validateDecorator(metadata, policies));
    if (metadata && facts.adapter === 'other') {
      collector.add(label, [
        {
          code: 'unenforced-gateway-policy',
          field: '@Cors()',
          value: label,
          message: `the app's WebSocket adapter does not check handshakes for CorsModule, so this policy would not be enforced: ${CORS_ADAPTER_HINT}`,
        },
      ]);
    }
    const levels: DecoratorLevel[] = [
      { level: 'gateway', metadata: policyName === undefined ? undefined : { disabled: false, policyName } },
      { level: 'gateway', metadata },
    ];
    const merged = resolveRoutePolicy(defaults, policies, levels);
    if (merged) collector.addForRoute(metadata ? label : MODULE_LOCATION, `gateway ${label}`, validateCombination(merged.options));
    const effective = withDefaultMethods(merged, GATEWAY_POLICY_METHODS);
    // Gateways without @Cors() share one policy; each decorated one has its own.
    return { facts: gateway, effective, key: metadata ? `gateways|${index}` : 'gateways|defaults' };
  });
}

/** The compiled gateways, in discovery order. */
export function compileGateways(checked: readonly CheckedGateway[], compiler: PolicyCompiler): TableGateway[] {
  return checked.map(({ facts, effective, key }) => ({
    gateway: facts.gateway,
    port: facts.port,
    path: facts.path,
    namespace: namespaceKey(facts.namespace),
    label: facts.gateway.name,
    policy: effective && compiler.compile(key, effective, () => `@Cors() on ${facts.gateway.name}`),
    effective,
  }));
}
