import type { IncomingMessage, Server, ServerResponse } from 'node:http';

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

/** A request the server finished answering, with the status it sent. */
export interface AnsweredRequest {
  method: string;
  url: string;
  origin: string | undefined;
  status: number;
}

/**
 * Records every request the API's HTTP server receives, before the adapter sees it, so tests
 * can count preflights and see what reached the server even when the browser hid the answer;
 * and, once answered, the status the server sent (a page cannot read a blocked one).
 */
export class RequestLog {
  readonly received: ReceivedRequest[] = [];
  /** In the order the answers' heads were written. */
  readonly answered: AnsweredRequest[] = [];

  constructor(server: Server) {
    server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
      this.received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        origin: request.headers.origin,
        cookie: request.headers.cookie,
        ifNoneMatch: request.headers['if-none-match'],
      });
      // When the head is written (always before the client can read a byte), not on 'finish',
      // which may come after the page has its answer. Both adapters write it through writeHead.
      // The URL as received: Express rewrites request.url under a mount path (`app.use('/graphql')`).
      const answered = this.answered;
      const received = { method: request.method ?? '', url: request.url ?? '', origin: request.headers.origin };
      const writeHead = response.writeHead;
      response.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
        answered.push({ ...received, status });
        return (writeHead as (...args: unknown[]) => ServerResponse).call(this, status, ...rest);
      } as ServerResponse['writeHead'];
    });
  }

  /** The answers to exactly this path and query, in order. */
  answersTo(url: string): AnsweredRequest[] {
    return this.answered.filter((r) => r.url === url);
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
