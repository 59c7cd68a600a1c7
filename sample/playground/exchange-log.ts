import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/** One request/response pair as the API saw it: only the headers CORS is about. */
export interface Exchange {
  method: string;
  /** Origin, Access-Control-Request-* as the browser sent them. */
  request: Record<string, string>;
  status: number;
  /** Every Access-Control-* and Vary header of the response, names lowercased, sorted. */
  response: Record<string, string>;
}

const MAX_RUNS = 500;
const RUN_PARAMETER = /[?&]playground-run=([\w-]{1,64})(?:&|$)/;

/** The playground run a request target is tagged with (`?playground-run=<id>`), if any. */
export function runOf(url: string | undefined): string | undefined {
  return RUN_PARAMETER.exec(url ?? '')?.[1];
}
const REQUEST_HEADERS = ['origin', 'access-control-request-method', 'access-control-request-headers', 'cookie', 'authorization'];

function isCorsHeader(name: string): boolean {
  return name.startsWith('access-control-') || name === 'vary';
}

/** The header argument of `writeHead(status, [message], [headers])`, as name/value pairs. */
function headersPassedTo(args: unknown[]): Array<[string, string]> {
  const last = args.find((arg) => typeof arg === 'object' && arg !== null);
  if (last === undefined) return [];
  if (Array.isArray(last)) {
    const flat = last.flat() as unknown[];
    const pairs: Array<[string, string]> = [];
    for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([String(flat[i]), String(flat[i + 1])]);
    return pairs;
  }
  return Object.entries(last as OutgoingHttpHeaders).map(([name, value]) => [name, String(value)]);
}

/**
 * What the API sent for each playground request. A page cannot read the headers of a response
 * its browser blocked, so the playground asks this log instead, over its own origin.
 *
 * Requests are tagged with `?playground-run=<id>`; the browser's preflight carries the same URL,
 * so both exchanges of a preflighted request land under one id. Headers are taken when the
 * response head is written (`writeHead`), which both adapters go through: Express after
 * `setHeader` calls, Fastify (and the preflight answer on Express) with the headers as an argument.
 * A WebSocket upgrade (socket.io's handshake, tagged through its query) is answered on the raw
 * socket: its status line and headers are read from the first bytes written back.
 */
export class ExchangeLog {
  private readonly runs = new Map<string, Exchange[]>();

  /** Starts recording the tagged requests of `server` (the API's HTTP server). */
  attach(server: Server): void {
    server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
      const run = runOf(request.url);
      if (run !== undefined) this.watch(run, request, response);
    });
    server.prependListener('upgrade', (request: IncomingMessage, socket: Duplex) => {
      const run = runOf(request.url);
      if (run !== undefined) this.watchUpgrade(run, request, socket);
    });
  }

  /** The exchanges recorded for one run, in order. */
  get(run: string): Exchange[] {
    return this.runs.get(run) ?? [];
  }

  private watch(run: string, request: IncomingMessage, response: ServerResponse): void {
    const sent = sentHeaders(request);
    const writeHead = response.writeHead;
    const record = (status: number, args: unknown[]) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.getHeaders())) {
        if (isCorsHeader(name)) headers[name] = String(value);
      }
      for (const [name, value] of headersPassedTo(args)) {
        if (isCorsHeader(name.toLowerCase())) headers[name.toLowerCase()] = value;
      }
      this.add(run, { method: request.method ?? '', request: sent, status, response: sorted(headers) });
    };
    response.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
      record(status, rest);
      return (writeHead as (...args: unknown[]) => ServerResponse).call(this, status, ...rest);
    } as ServerResponse['writeHead'];
  }

  /** The answer to an upgrade, from the first chunk written to its socket (`HTTP/1.1 101 ...` or a refusal). */
  private watchUpgrade(run: string, request: IncomingMessage, socket: Duplex): void {
    const sent = sentHeaders(request);
    let recorded = false;
    const sniff = (chunk: unknown) => {
      if (recorded || (typeof chunk !== 'string' && !Buffer.isBuffer(chunk))) return;
      recorded = true;
      const [statusLine = '', ...lines] = (Buffer.isBuffer(chunk) ? chunk.toString('latin1') : chunk).split('\r\n\r\n')[0]!.split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim().toLowerCase();
        if (colon > 0 && isCorsHeader(name)) headers[name] = line.slice(colon + 1).trim();
      }
      this.add(run, { method: `${request.method ?? ''} (upgrade)`, request: sent, status: Number(statusLine.slice(9, 12)), response: sorted(headers) });
    };
    for (const method of ['write', 'end'] as const) {
      const original = socket[method] as (...args: unknown[]) => unknown;
      (socket as unknown as Record<string, unknown>)[method] = function (this: Duplex, ...args: unknown[]) {
        sniff(args[0]);
        return original.apply(this, args);
      };
    }
  }

  private add(run: string, exchange: Exchange): void {
    let list = this.runs.get(run);
    if (list === undefined) {
      if (this.runs.size >= MAX_RUNS) this.runs.delete(this.runs.keys().next().value!);
      list = [];
      this.runs.set(run, list);
    }
    list.push(exchange);
  }
}

/** The request headers CORS is about, credentials shown only as present. */
function sentHeaders(request: IncomingMessage): Record<string, string> {
  const sent: Record<string, string> = {};
  for (const name of REQUEST_HEADERS) {
    const value = request.headers[name];
    if (typeof value === 'string') sent[name] = name === 'cookie' || name === 'authorization' ? '(present)' : value;
  }
  return sent;
}

/** Sorted, so Access-Control-* come first and Vary last on both adapters. */
function sorted(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).sort(([a], [b]) => (a < b ? -1 : 1)));
}
