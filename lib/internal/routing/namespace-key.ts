/**
 * A gateway namespace as socket.io names it: strings get a leading slash (`/` for none); a
 * RegExp or function namespace is kept as given. Shared by the build (grouping gateways) and
 * the adapter (finding the gateways of a namespace Nest creates).
 */
export function namespaceKey(namespace: unknown): unknown {
  if (namespace === undefined || namespace === null || namespace === '') return '/';
  if (typeof namespace === 'string') return namespace.startsWith('/') ? namespace : `/${namespace}`;
  return namespace;
}
