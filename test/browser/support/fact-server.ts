import { closeServer } from '../../../sample/shutdown/close-server.js';
import { createServer, IncomingMessage, OutgoingHttpHeaders, Server } from 'node:http';

/** One request as the fact server received it. */
export interface FactRequest {
  method: string;
  url: string;
  origin?: string;
  requestHeaders?: string;
  ifNoneMatch?: string;
  cookie?: string;
}

/**
 * A bare Node server (not the library) that answers each path with hand-written headers, for
 * the engine fact files: what a browser does with exactly these headers. Every request is
 * recorded, preflights included.
 */
export interface FactServer {
  readonly url: string;
  readonly received: FactRequest[];
  /** The requests to this path and query (optionally of one method). */
  to(url: string, method?: string): FactRequest[];
  /** `/revalidate` grants the origin only while this is true. */
  revalidateAllows: boolean;
  close(): Promise<void>;
}

const ETAG = '"v1"';

/** Each path answers every request (preflight or not) with the headers it names. */
const answers: Record<string, (origin: string, server: FactServer) => OutgoingHttpHeaders> = {
  '/acah-star': (origin) => ({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Headers': '*' }),
  '/acam-patch': (origin) => ({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Methods': 'PATCH' }),
  '/star-credentials': () => ({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Credentials': 'true' }),
  '/two-acao': (origin) => ({ 'Access-Control-Allow-Origin': [origin, origin] }),
  '/cached': (origin) => ({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Methods': 'PUT', 'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Max-Age': '600' }),
  '/cached-credentials': (origin) => ({
    'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', 'Access-Control-Allow-Methods': 'PUT',
    'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Max-Age': '600',
  }),
  '/any': () => ({ 'Access-Control-Allow-Origin': '*' }),
  '/acac-capitalised': (origin) => ({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'True' }),
  '/acao-trailing-slash': (origin) => ({ 'Access-Control-Allow-Origin': `${origin}/` }),
  '/preflight-redirect': (origin) => ({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Methods': 'PUT' }),
  '/expose-set-cookie': (origin) => ({
    'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': 'Set-Cookie, X-Shown', 'Set-Cookie': 'a=1', 'X-Shown': '1', 'X-Hidden': '1',
  }),
  '/redirect': () => ({ Location: '/any' }),
  // Stored for 10 minutes, per origin (Vary) or for everyone (no Vary).
  '/vary-origin': (origin) => ({ 'Access-Control-Allow-Origin': origin, Vary: 'Origin', 'Cache-Control': 'max-age=600' }),
  '/no-vary': (origin) => ({ 'Access-Control-Allow-Origin': origin, 'Cache-Control': 'max-age=600' }),
  // Revalidated on every use; the 304 carries no Access-Control-* (a server that just refused the origin).
  '/revalidate': (origin, server) => ({
    ETag: ETAG, 'Cache-Control': 'no-cache', Vary: 'Origin', ...(server.revalidateAllows ? { 'Access-Control-Allow-Origin': origin } : {}),
  }),
};

function statusOf(request: IncomingMessage, path: string): number {
  if (request.method === 'OPTIONS') return path === '/preflight-redirect' ? 302 : 204;
  if (path === '/redirect') return 302;
  if (path === '/revalidate' && request.headers['if-none-match'] === ETAG) return 304;
  return 200;
}

/** Starts the fact server on a free loopback port. */
export async function startFactServer(): Promise<FactServer> {
  const received: FactRequest[] = [];
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0]!;
    received.push({
      method: request.method ?? '',
      url: request.url ?? '',
      origin: request.headers.origin,
      requestHeaders: request.headers['access-control-request-headers'],
      ifNoneMatch: request.headers['if-none-match'],
      cookie: request.headers.cookie,
    });
    const status = statusOf(request, path);
    response.writeHead(status, answers[path]?.(request.headers.origin ?? '', facts) ?? {});
    // The body names the origin it was made for, so a page can tell whose stored copy it read.
    response.end(request.method === 'OPTIONS' || status === 304 ? undefined : path.startsWith('/vary') || path.startsWith('/no-vary') ? `read by ${request.headers.origin}` : 'read');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const facts: FactServer = {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    received,
    to: (url, method) => received.filter((r) => r.url === url && (method === undefined || r.method === method)),
    revalidateAllows: true,
    close: () => closeServer(server),
  };
  return facts;
}
