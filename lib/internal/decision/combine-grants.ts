import { Grant, fixedPreflightHeaders } from '../policy/grant.js';

/**
 * What several grants that must all hold (`every`) allow together: `*` only if each is `*`,
 * credentials and private network access only if each allows them, the shortest max-age (none
 * if any has none), exposed headers only where they agree. The first one's success status.
 */
export function intersectGrants(grants: readonly Grant[]): Grant {
  if (grants.length === 1) return grants[0]!;
  const anyOrigin = grants.every((g) => g.anyOrigin);
  const credentials = grants.every((g) => g.credentials);
  let maxAgeSeconds: number | undefined = grants[0]!.maxAgeSeconds;
  for (const grant of grants) {
    if (grant.maxAgeSeconds === undefined || maxAgeSeconds === undefined) maxAgeSeconds = undefined;
    else maxAgeSeconds = Math.min(maxAgeSeconds, grant.maxAgeSeconds);
  }
  const expose = grants[0]!.exposeHeaders;
  return {
    anyOrigin,
    credentials,
    exposeHeaders: grants.every((g) => g.exposeHeaders === expose) ? expose : undefined,
    maxAgeSeconds,
    allowPrivateNetwork: grants.every((g) => g.allowPrivateNetwork),
    successStatus: grants[0]!.successStatus,
    preflightHeaders: fixedPreflightHeaders(anyOrigin, credentials, maxAgeSeconds),
  };
}

/**
 * The one grant of several where any may hold (`some`): the one that grants the most to the
 * origin, as the browser's request may need it: an exact origin with credentials, then an
 * exact origin, then `*`; the first such in candidate order.
 */
export function strongestGrant<T extends Grant>(grants: readonly T[]): T {
  return grants.find((g) => g.credentials && !g.anyOrigin) ?? grants.find((g) => !g.anyOrigin) ?? grants[0]!;
}
