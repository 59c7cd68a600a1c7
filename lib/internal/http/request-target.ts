/** What the request path reads of a request, on both adapters. */
export interface RequestLike {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * The path and query of a request target. Express routes an absolute-form target
 * (`OPTIONS http://host/items`, RFC 9112 §3.2.2) by its path, so CORS must too.
 */
function originFormOf(target: string): string {
  if (target.charCodeAt(0) === 0x2f) return target;
  const authority = target.indexOf('://');
  if (authority === -1) return target;
  const path = target.indexOf('/', authority + 3);
  return path === -1 ? '/' : target.slice(path);
}

/** The path of a request, as the adapter's router matches it (no query). */
export function pathOf(request: RequestLike): string {
  const url = originFormOf(request.url ?? '/');
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
