import { afterEach, describe, expect, it } from '@jest/globals';
import { Agent, createServer, request, Server } from 'node:http';
import { connect, Socket } from 'node:net';
import { closeServer, withDeadline } from '../../../sample/shutdown/close-server.js';

/** A server and its three client connections, as a browser tab leaves them. */
interface BusyServer {
  server: Server;
  /** Keep-alive, idle after its answer. */
  agent: Agent;
  /** A request the handler has not answered (it never will). */
  inFlight: Promise<string>;
  /** Connected, never sent a byte (Chromium opens such spare sockets). */
  unused: Socket;
}

const servers: Server[] = [];
const clients: Array<{ destroy(): void }> = [];

async function busyServer(): Promise<BusyServer> {
  let arrived!: () => void;
  const stalled = new Promise<void>((resolve) => (arrived = resolve));
  const server = createServer((req, res) => {
    if (req.url === '/slow') arrived();
    else res.end('ok');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const get = (path: string, agent: Agent | false) =>
    new Promise<string>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(String(res.statusCode)));
      }).on('error', reject).end();
    });
  const agent = new Agent({ keepAlive: true });
  clients.push(agent);
  expect(await get('/', agent)).toBe('200');
  const inFlight = get('/slow', false);
  inFlight.catch(() => undefined);
  await stalled;
  const unused = connect(port, '127.0.0.1');
  clients.push(unused);
  unused.on('error', () => undefined);
  await new Promise((resolve) => unused.once('connect', resolve));
  expect(Object.values(agent.freeSockets).flat()).toHaveLength(1);
  return { server, agent, inFlight, unused };
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    if (server.listening) await new Promise((resolve) => server.close(resolve));
  }
});

describe('closeServer', () => {
  it('closes at once with an idle keep-alive connection, a request in flight and an unused connection', async () => {
    const { server, agent, inFlight, unused } = await busyServer();
    const start = performance.now();
    await closeServer(server);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(server.listening).toBe(false);
    await expect(inFlight).rejects.toMatchObject({ code: 'ECONNRESET' });
    await new Promise((resolve) => unused.once('close', resolve));
    expect(Object.values(agent.freeSockets).flat()).toHaveLength(0);
  });

  it('is needed: after 1 s, server.close() alone still waits for the request in flight and the unused connection', async () => {
    const { server } = await busyServer();
    let closed = false;
    server.close(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(closed).toBe(false);
    // Node 20 has closed the idle keep-alive connection by itself; the other two are still open.
    expect(await new Promise((resolve) => server.getConnections((_error, count) => resolve(count)))).toBe(2);
  });

  it('resolves at once for a server that is not listening', async () => {
    await expect(closeServer(createServer())).resolves.toBeUndefined();
  });
});

describe('withDeadline', () => {
  it('fails with a message naming the step once the deadline has passed', async () => {
    const never = new Promise<void>(() => undefined);
    await expect(withDeadline('closing the thing', never, 50)).rejects.toThrow('closing the thing did not finish within 50 ms');
  });

  it('passes on the value and the error of work that finishes in time', async () => {
    await expect(withDeadline('step', Promise.resolve(7), 1000)).resolves.toBe(7);
    await expect(withDeadline('step', Promise.reject(new Error('boom')), 1000)).rejects.toThrow('boom');
  });
});
