import type { INestApplication } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { CorsConfigurationError, CorsPolicyService } from 'nestjs-cors';
import { closeServer } from '../shutdown/close-server.js';
import { DecisionLog } from '../observability/decision-log.service.js';
import { ExchangeLog, runOf } from './exchange-log.js';
import { PLAYGROUND_POLICIES, PLAYGROUND_SCENARIOS } from './scenarios.js';

/**
 * The page's files. `sample/playground/` (tests) and `sample-dist/playground/` (`npm start`)
 * are both two levels below the repository root, so one relative URL finds the sources.
 */
const ASSETS = new URL('../../sample/playground/public/', import.meta.url);
/** The socket.io client the page connects to the gateway with, from the repository's node_modules. */
const SOCKET_IO_CLIENT = new URL('../../node_modules/socket.io-client/dist/socket.io.min.js', import.meta.url);
const FILES: Record<string, string> = {
  '/': 'index.html',
  '/playground.js': 'playground.js',
  '/send.js': 'send.js',
  '/playground.css': 'playground.css',
  '/frame': 'frame.html',
  '/frame.js': 'frame.js',
};
const TYPES: Record<string, string> = { html: 'text/html', js: 'text/javascript', css: 'text/css' };
const MAX_BODY = 4096;

/** Where the playground listens and which API it calls. */
export interface PlaygroundOptions {
  /** The API's own URL, e.g. `http://127.0.0.1:3000`. */
  apiUrl: string;
  /** 0 for any free port. */
  port: number;
  /** The host name the page is opened with: `localhost`, another origin than the API's `127.0.0.1`. */
  host?: string;
}

/** A running playground. */
export interface Playground {
  /** `http://localhost:<port>`: open this in a browser. */
  url: string;
  /** Stops listening and drops every connection, so it never waits on an open browser tab. */
  close(): Promise<void>;
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(value));
}

/**
 * The playground's other origin, as seen from a document on `host` (its `Host` header): a page on
 * `localhost:<port>` runs the "from another origin" rows in a frame on `127.0.0.1:<port>` (the
 * same server), and that frame's parent is on `localhost` again. Null for any other host name.
 */
function otherOrigin(host: string | undefined, port: number): string | null {
  if (host === `localhost:${port}`) return `http://127.0.0.1:${port}`;
  if (host === `127.0.0.1:${port}`) return `http://localhost:${port}`;
  return null;
}

/**
 * Reads a small JSON body. Only `Content-Type: application/json` is accepted: another site open
 * in the same browser cannot send that to this server without a preflight, which it never passes
 * (this server sends no CORS headers), so it cannot change the API's origins behind your back.
 */
async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  if (request.headers['content-type'] !== 'application/json') throw new Error('expected Content-Type: application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk);
  }
  const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  if (typeof value !== 'object' || value === null) throw new Error('expected a JSON object');
  return value as Record<string, unknown>;
}

/**
 * Serves the CORS playground on a second origin: the page, the scenario list, the API's log
 * of each exchange (a blocked response is unreadable to the page) with CorsModule's decisions
 * about it (the sample's `DecisionLog`, fed by `onDecision`), and runtime origins through
 * the app's own `CorsPolicyService`. It is same-origin with the page, so it needs no CORS. The
 * same server on the other loopback name (`127.0.0.1` for a page on `localhost`) is a third
 * origin: the page's frame there sends the rows marked `from: 'other-origin'`.
 */
export async function startPlayground(app: INestApplication, options: PlaygroundOptions): Promise<Playground> {
  const log = new ExchangeLog();
  log.attach(app.getHttpServer() as Server);
  const cors = app.get(CorsPolicyService);
  const decisions = app.get(DecisionLog);
  let port = 0;
  const runtimeOrigins = () => PLAYGROUND_POLICIES.map((policy) => ({ policy, origins: cors.getRuntimeOrigins(policy || undefined) }));

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://playground');
    const file = url.pathname === '/socket.io.min.js' ? SOCKET_IO_CLIENT.href : FILES[url.pathname];
    if (request.method === 'GET' && file !== undefined) {
      const content = await readFile(new URL(file, ASSETS));
      response.writeHead(200, { 'Content-Type': `${TYPES[file.split('.').pop()!]}; charset=utf-8`, 'Cache-Control': 'no-store' });
      response.end(content);
    } else if (request.method === 'GET' && url.pathname === '/api/config') {
      sendJson(response, 200, {
        api: options.apiUrl,
        otherOrigin: otherOrigin(request.headers.host, port),
        scenarios: PLAYGROUND_SCENARIOS,
        policies: PLAYGROUND_POLICIES,
      });
    } else if (request.method === 'GET' && url.pathname === '/api/exchanges') {
      // What the API sent, and why: CorsModule's decisions about the run's requests (onDecision).
      const run = url.searchParams.get('run') ?? '';
      sendJson(response, 200, { exchanges: log.get(run), decisions: decisions.list().filter((d) => runOf(d.url) === run) });
    } else if (request.method === 'GET' && url.pathname === '/api/runtime-origins') {
      sendJson(response, 200, runtimeOrigins());
    } else if (request.method === 'POST' && url.pathname === '/api/runtime-origins') {
      const { action, origin, policy } = await readJson(request);
      if (typeof origin !== 'string' || typeof policy !== 'string' || !PLAYGROUND_POLICIES.includes(policy)) {
        return sendJson(response, 400, { error: 'expected { action, origin, policy }' });
      }
      try {
        if (action === 'allow') await cors.allowOrigin(origin, policy || undefined);
        else if (action === 'revoke') await cors.revokeOrigin(origin, policy || undefined);
        else return sendJson(response, 400, { error: 'action must be "allow" or "revoke"' });
      } catch (error) {
        if (!(error instanceof CorsConfigurationError)) throw error;
        return sendJson(response, 400, { error: error.message });
      }
      sendJson(response, 200, runtimeOrigins());
    } else {
      sendJson(response, 404, { error: 'not found' });
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 400, { error: String(error instanceof Error ? error.message : error) });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  port = (server.address() as { port: number }).port;
  return {
    url: `http://${options.host ?? 'localhost'}:${port}`,
    close: () => closeServer(server),
  };
}
