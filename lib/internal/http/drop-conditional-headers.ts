/** The request fields a refused request loses: `headers` on both adapters, `raw.headers` on Fastify. */
interface RequestLike {
  headers: Record<string, string | string[] | undefined>;
  raw?: { headers?: Record<string, string | string[] | undefined> };
}

/**
 * Removes `If-None-Match` and `If-Modified-Since` from a cross-origin request whose origin is
 * refused, before the app's handler (or Express's `res.send`, or `@fastify/etag`) can answer
 * 304 to it. A browser that revalidates a response it stored while the origin was allowed
 * keeps that stored response on a 304 and only updates its headers from it (RFC 9111
 * §4.3.4): the old `Access-Control-Allow-Origin` would survive the refusal. Without the
 * validators the app answers in full, without permission, and the refusal reaches the page.
 *
 * Only these two: they are the ones that turn a GET or HEAD into a 304. `If-Match` and
 * `If-Unmodified-Since` yield 412, never a reusable stored response, and protect writes;
 * `If-Range` decides between 206 and 200, and without it a range would be served from a
 * changed representation. Requests without `Origin` and allowed origins keep theirs: their
 * stored copies are distinct cache entries (`Vary: Origin`) and still valid.
 *
 * Fastify's `request.headers` is `request.raw.headers` (the object `@fastify/etag` and the
 * handler read) unless a hook replaced it; both are cleaned.
 */
export function dropConditionalHeaders(request: RequestLike): void {
  dropFrom(request.headers);
  const raw = request.raw?.headers;
  if (raw !== undefined && raw !== request.headers) dropFrom(raw);
}

/** Deletes only what is there: most requests have neither, and a delete costs more than a read. */
function dropFrom(headers: Record<string, string | string[] | undefined>): void {
  if (headers['if-none-match'] !== undefined) delete headers['if-none-match'];
  if (headers['if-modified-since'] !== undefined) delete headers['if-modified-since'];
}
