import { connect } from 'node:net';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { withDeadline } from '../../../sample/shutdown/close-server.js';

/** How long a client may take to connect or be refused: well under Jest's 20 s test timeout. */
const CLIENT_DEADLINE_MS = 5_000;

/** What a client got: connected and its echo came back, or refused with what the client library reported. */
export type Attempt = { connected: true; echo: unknown } | { connected: false; error: string };

/** The origin (or none) and transport of a socket.io client. */
export interface IoClientOptions {
  origin?: string;
  transport: 'polling' | 'websocket';
  /** The namespace, `/` by default. */
  namespace?: string;
}

/**
 * Connects a socket.io client (`Origin` sent with `extraHeaders`, as Node's clients allow), emits
 * `echo` and waits for the answer, or for `connect_error`. The client is closed before this
 * resolves, whatever happened: no test leaves one open.
 */
export async function ioAttempt(url: string, { origin, transport, namespace = '/' }: IoClientOptions): Promise<Attempt> {
  const socket = io(`${url}${namespace === '/' ? '' : namespace}`, {
    transports: [transport],
    reconnection: false,
    forceNew: true,
    ...(origin !== undefined ? { extraHeaders: { Origin: origin } } : {}),
  });
  try {
    return await withDeadline(
      `socket.io ${transport} client to ${namespace}`,
      new Promise<Attempt>((resolve) => {
        socket.on('connect', () => socket.emit('echo', 'hi'));
        socket.on('echo', (data: unknown) => resolve({ connected: true, echo: data }));
        socket.on('connect_error', (error: Error & { description?: unknown }) => resolve({ connected: false, error: describeError(error) }));
      }),
      CLIENT_DEADLINE_MS,
    );
  } finally {
    socket.close();
  }
}

/** `xhr poll error (403)`, `websocket error (Unexpected server response: 403)`, or a namespace's refusal message. */
function describeError(error: Error & { description?: unknown }): string {
  const description = error.description;
  if (description === undefined) return error.message;
  const detail = description instanceof Error ? description.message : typeof description === 'object' ? (description as { message?: string }).message : String(description);
  return `${error.message} (${detail})`;
}

/**
 * Opens a plain WebSocket (the `ws` client) with this `Origin` (or none), sends
 * `{ event: 'echo', data: 'hi' }` and waits for the answer, or for the refused upgrade's status.
 * The socket is closed before this resolves.
 */
export async function wsAttempt(url: string, path: string, origin?: string): Promise<Attempt> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}${path}`, origin === undefined ? {} : { origin });
  try {
    return await withDeadline(
      `ws client to ${path}`,
      new Promise<Attempt>((resolve) => {
        socket.on('open', () => socket.send(JSON.stringify({ event: 'echo', data: 'hi' })));
        socket.on('message', (data) => resolve({ connected: true, echo: (JSON.parse(String(data)) as { data: unknown }).data }));
        socket.on('unexpected-response', (_request, response) => resolve({ connected: false, error: `HTTP ${response.statusCode}` }));
        socket.on('error', (error) => resolve({ connected: false, error: error.message }));
      }),
      CLIENT_DEADLINE_MS,
    );
  } finally {
    socket.terminate();
  }
}

/** The response head of a raw upgrade request, and whether the server then closed the connection. */
export interface UpgradeResult {
  /** Status line and header lines, as sent. */
  head: string;
  /** Whatever followed the head before the server closed the connection. */
  body: string;
  status: number;
  closedByServer: boolean;
}

/**
 * Sends a WebSocket upgrade request with exactly these headers (a `Host` given here replaces the
 * server's) on a raw socket and returns the server's answer as it was written. For a `101` the socket is closed by this side as soon as
 * the head arrived; for a refusal it waits for the server to close the connection (a refusal
 * that left it open fails on the deadline).
 */
export function rawUpgrade(url: string, path: string, headers: Record<string, string>): Promise<UpgradeResult> {
  const { hostname, port } = new URL(url);
  const hostGiven = Object.keys(headers).some((name) => name.toLowerCase() === 'host');
  const lines = [
    `GET ${path} HTTP/1.1`,
    ...(hostGiven ? [] : [`Host: ${hostname}:${port}`]),
    'Connection: Upgrade',
    'Upgrade: websocket',
    'Sec-WebSocket-Version: 13',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  return withDeadline(
    `raw upgrade to ${path}`,
    new Promise<UpgradeResult>((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => socket.write(`${lines.join('\r\n')}\r\n\r\n`));
      let data = '';
      const result = (closedByServer: boolean): UpgradeResult => {
        const end = data.indexOf('\r\n\r\n');
        const head = end === -1 ? data : data.slice(0, end);
        return { head, body: end === -1 ? '' : data.slice(end + 4), status: Number(head.slice(9, 12)), closedByServer };
      };
      socket.on('data', (chunk: Buffer) => {
        data += chunk.toString('latin1');
        if (data.startsWith('HTTP/1.1 101') && data.includes('\r\n\r\n')) {
          socket.destroy();
          resolve(result(false));
        }
      });
      socket.on('close', () => resolve(result(true)));
      socket.on('error', reject);
    }),
    CLIENT_DEADLINE_MS,
  );
}

/** The socket.io path of an engine.io request with this query (`EIO=4` added). */
export const engineUrl = (query: string, path = '/socket.io') => `${path}/?EIO=4&${query}`;
