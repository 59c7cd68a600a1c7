import type { IncomingMessage, Server } from 'node:http';

/** One request as the API server received it. */
export interface ReceivedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  origin: string | undefined;
  cookie: string | undefined;
  /** The validator of a revalidation (the browser's HTTP cache sends it, never the page). */
  ifNoneMatch: string | undefined;
}

/**
 * Records every request the API's HTTP server receives, before the adapter sees it, so tests
 * can count preflights and see what reached the server even when the browser hid the answer.
 */
export class RequestLog {
  readonly received: ReceivedRequest[] = [];

  constructor(server: Server) {
    server.prependListener('request', (request: IncomingMessage) => {
      this.received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        origin: request.headers.origin,
        cookie: request.headers.cookie,
        ifNoneMatch: request.headers['if-none-match'],
      });
    });
  }

  /** Requests to exactly this path and query. */
  to(url: string, method?: string): ReceivedRequest[] {
    return this.received.filter((r) => r.url === url && (method === undefined || r.method === method));
  }

  /** How many preflights (OPTIONS) reached this path and query. */
  preflights(url: string): number {
    return this.to(url, 'OPTIONS').length;
  }
}
