import type { CorsEndpointInfo, CorsPolicyInfo, GatewayCorsInfo, PathCorsInfo, RouteCorsInfo } from '../../interfaces/route-cors-info.interface.js';
import type { ActualStrategy, CorsTable, TableGateway, TablePath, TableRoute, WebSocketSettings } from '../table/cors-table.js';
import type { CompiledPolicy } from '../policy/compiled-policy.js';
import type { EffectivePolicy } from '../policy/merge-policy.js';

/** The effective policy of every route, `paths` entry and gateway, for `CorsPolicyService.getRoutes()` and the startup table. */
export function describeRoutes(table: CorsTable): CorsEndpointInfo[] {
  const settings = table.settings.websockets;
  return [...table.routes.map(describeRoute), ...table.paths.map(describePath), ...table.gateways.map((g) => describeGateway(g, settings))];
}

/**
 * What users can observe of where a route's actual requests are decided: the first step of the
 * request whose answers carry the headers. The strategies are mechanism and may change; this may not.
 */
const HEADERS_FROM: Record<Exclude<ActualStrategy, 'none'>, NonNullable<RouteCorsInfo['headersFrom']>> = {
  'entry-hook': 'middleware',
  'route-hook': 'body-parsing',
  guard: 'guards',
};

function describeRoute(route: TableRoute): RouteCorsInfo {
  return {
    kind: 'route',
    method: route.method,
    path: route.path,
    controller: route.controller.name,
    handler: route.handlerName,
    ...describePolicy(route.policy, route.effective),
    ...(route.policy && route.strategy !== 'none' ? { headersFrom: HEADERS_FROM[route.strategy] } : {}),
  };
}

function describePath(entry: TablePath): PathCorsInfo {
  return {
    kind: 'path',
    method: 'ALL',
    path: entry.pattern,
    ...describePolicy(entry.policy, entry.effective),
    ...(entry.policy ? { headersFrom: 'middleware' as const } : {}),
  };
}

function describeGateway(gateway: TableGateway, settings: WebSocketSettings): GatewayCorsInfo {
  const adapter = settings.adapter === 'socket.io' || settings.adapter === 'ws' ? settings.adapter : undefined;
  const path = gateway.path ?? (adapter === 'socket.io' ? '/socket.io' : adapter === 'ws' ? '/' : undefined);
  const namespace = gateway.namespace;
  return {
    kind: 'gateway',
    gateway: gateway.label,
    port: gateway.port,
    ...(path !== undefined ? { path } : {}),
    ...(adapter !== 'ws' ? { namespace: typeof namespace === 'string' ? namespace : namespace instanceof RegExp ? String(namespace) : '(function)' } : {}),
    ...(adapter ? { adapter } : {}),
    enforced: adapter !== undefined,
    requireOrigin: settings.requireOrigin,
    ...describePolicy(gateway.policy, gateway.effective),
  };
}

function describePolicy(policy: CompiledPolicy | undefined, effective: EffectivePolicy | undefined): CorsPolicyInfo {
  const options = effective?.options;
  const origin = options?.origin;
  const origins =
    policy === undefined
      ? []
      : policy.anyOrigin
        ? ['*']
        : [...policy.matcher.describe(), ...(typeof origin === 'function' ? ['(function)'] : [])];
  return {
    enabled: policy !== undefined,
    origins,
    ...(effective?.runtimeOriginsFrom !== undefined && policy ? { runtimeOriginsFrom: effective.runtimeOriginsFrom } : {}),
    credentials: policy?.credentials ?? false,
    ...(options?.methods ? { methods: [...options.methods] } : {}),
    allowedHeaders: options?.allowedHeaders === undefined ? '*' : options.allowedHeaders === '*' ? '*' : [...options.allowedHeaders],
    exposedHeaders: options?.exposedHeaders === undefined ? [] : options.exposedHeaders === '*' ? '*' : [...options.exposedHeaders],
    ...(options?.maxAge !== undefined ? { maxAge: options.maxAge } : {}),
    allowPrivateNetwork: policy?.allowPrivateNetwork ?? false,
    sources: effective ? pickSources(effective) : {},
  };
}

function pickSources(effective: EffectivePolicy): CorsPolicyInfo['sources'] {
  const { origin, methods, allowedHeaders, exposedHeaders, credentials, maxAge } = effective.sources;
  return Object.fromEntries(
    Object.entries({ origin, methods, allowedHeaders, exposedHeaders, credentials, maxAge }).filter(([, v]) => v !== undefined),
  );
}

/** The startup table of the `logRoutes` option. */
export function formatRouteTable(routes: readonly CorsEndpointInfo[]): string {
  const rows = routes.map((r) => [
    endpointOf(r),
    r.kind === 'route' ? `${r.controller}.${r.handler}` : r.kind === 'path' ? `paths['${r.path}']` : r.gateway,
    r.enabled ? r.origins.join(' ') || '(runtime only)' : r.kind === 'gateway' ? 'same-origin only' : 'no CORS',
    r.enabled ? (r.credentials ? 'yes' : 'no') : '',
    r.enabled ? (r.methods?.join(',') ?? 'route') : '',
    r.enabled ? (r.maxAge === undefined ? '-' : String(r.maxAge)) : '',
    r.kind === 'gateway' ? (r.enforced ? `handshake (${r.adapter})` : 'NOT CHECKED') : (r.headersFrom ?? ''),
    Object.entries(r.sources)
      .map(([field, source]) => `${field}=${source}`)
      .join(' '),
  ]);
  const header = ['route', 'handler', 'origins', 'credentials', 'methods', 'max-age', 'CORS from', 'from'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return ['CORS policies:', line(header), ...rows.map(line)].join('\n');
}

/** The first column of the table: `GET /items`, `ALL /graphql`, `WS /socket.io /chat`. */
function endpointOf(entry: CorsEndpointInfo): string {
  if (entry.kind !== 'gateway') return `${entry.method} ${entry.path}`;
  const port = entry.port === 0 ? '' : `:${entry.port}`;
  return ['WS', `${port}${entry.path ?? '(default path)'}`, ...(entry.namespace !== undefined ? [entry.namespace] : [])].join(' ');
}
