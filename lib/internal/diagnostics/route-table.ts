import type { RouteCorsInfo } from '../../interfaces/route-cors-info.interface.js';
import type { CorsTable, TableRoute } from '../build/cors-table.js';
import type { EffectivePolicy } from '../policy/merge-policy.js';

/** The effective policy of every route, for `CorsPolicyService.getRoutes()` and the startup table. */
export function describeRoutes(table: CorsTable): RouteCorsInfo[] {
  return table.routes.map(describeRoute);
}

function describeRoute(route: TableRoute): RouteCorsInfo {
  const { effective, policy } = route;
  const options = effective?.options;
  const origin = options?.origin;
  const origins =
    policy === undefined
      ? []
      : policy.anyOrigin
        ? ['*']
        : [...policy.matcher.describe(), ...(typeof origin === 'function' ? ['(function)'] : [])];
  return {
    method: route.method,
    path: route.path,
    controller: route.controller.name,
    handler: route.handlerName,
    enabled: policy !== undefined,
    origins,
    ...(effective?.runtimeOriginsFrom !== undefined && policy ? { runtimeOriginsFrom: effective.runtimeOriginsFrom } : {}),
    credentials: policy?.credentials ?? false,
    ...(options?.methods ? { methods: [...options.methods] } : {}),
    allowedHeaders: options?.allowedHeaders === undefined ? '*' : options.allowedHeaders === '*' ? '*' : [...options.allowedHeaders],
    exposedHeaders: options?.exposedHeaders === undefined ? [] : options.exposedHeaders === '*' ? '*' : [...options.exposedHeaders],
    ...(options?.maxAge !== undefined ? { maxAge: options.maxAge } : {}),
    allowPrivateNetwork: policy?.allowPrivateNetwork ?? false,
    ...(policy && route.strategy !== 'none' ? { decidedBy: route.strategy } : {}),
    sources: effective ? pickSources(effective) : {},
  };
}

function pickSources(effective: EffectivePolicy): RouteCorsInfo['sources'] {
  const { origin, methods, allowedHeaders, exposedHeaders, credentials, maxAge } = effective.sources;
  return Object.fromEntries(
    Object.entries({ origin, methods, allowedHeaders, exposedHeaders, credentials, maxAge }).filter(([, v]) => v !== undefined),
  );
}

/** The startup table of the `logRoutes` option. */
export function formatRouteTable(routes: readonly RouteCorsInfo[]): string {
  const rows = routes.map((r) => [
    `${r.method} ${r.path}`,
    `${r.controller}.${r.handler}`,
    r.enabled ? r.origins.join(' ') || '(runtime only)' : 'no CORS',
    r.enabled ? (r.credentials ? 'yes' : 'no') : '',
    r.enabled ? (r.methods?.join(',') ?? 'route') : '',
    r.enabled ? (r.maxAge === undefined ? '-' : String(r.maxAge)) : '',
    r.decidedBy ?? '',
    Object.entries(r.sources)
      .map(([field, source]) => `${field}=${source}`)
      .join(' '),
  ]);
  const header = ['route', 'handler', 'origins', 'credentials', 'methods', 'max-age', 'decided by', 'from'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return ['CORS policies:', line(header), ...rows.map(line)].join('\n');
}
