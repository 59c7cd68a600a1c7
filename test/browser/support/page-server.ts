import { createServer, Server } from 'node:http';
import { closeServer } from '../../../sample/shutdown/close-server.js';

/**
 * Serves the pages the scenarios run in, on its own port, for any host name that resolves to
 * it: `http://127.0.0.1:<port>`, `http://localhost:<port>` and `http://<name>.app.test:<port>`
 * are different origins of the same server. `/sandboxed` holds an `allow-scripts` sandboxed
 * iframe, whose requests carry `Origin: null`.
 */
export interface PageServer {
  readonly port: number;
  /** `http://<host>:<port>` */
  origin(host: string): string;
  close(): Promise<void>;
}

const BLANK = '<!doctype html><meta charset="utf-8"><title>CORS scenario page</title><p>scenario page</p>';
const SANDBOXED =
  '<!doctype html><meta charset="utf-8"><title>sandboxed</title>' +
  '<iframe name="sandboxed" sandbox="allow-scripts" srcdoc="<!doctype html><p>sandboxed frame</p>"></iframe>';

/** A file the page server serves at a path besides its pages (a client library the pages load). */
export interface ServedFile {
  readonly contentType: string;
  readonly body: string | Buffer;
}

/** Starts the page server on a free loopback port; `files` are served at their paths too. */
export async function startPageServer(files: Readonly<Record<string, ServedFile>> = {}): Promise<PageServer> {
  const server: Server = createServer((request, response) => {
    const file = Object.hasOwn(files, request.url ?? '') ? files[request.url!] : undefined;
    const body = file?.body ?? (request.url === '/sandboxed' ? SANDBOXED : BLANK);
    response.writeHead(200, { 'Content-Type': file?.contentType ?? 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    origin: (host) => `http://${host}:${port}`,
    close: () => closeServer(server),
  };
}
